using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Councils;

public sealed class SimilarCouncilsTests
{
    /// <summary>ONS's Inner London (statistical definition), which also counts Haringey and Newham.</summary>
    private static readonly HashSet<string> InnerLondon =
    [
        "Camden", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Islington", "Kensington and Chelsea",
        "Lambeth", "Lewisham", "Newham", "Southwark", "Tower Hamlets", "Wandsworth", "Westminster",
    ];

    private static readonly Lazy<(SimilarCouncils Similar, CouncilDirectory Directory)> All = new(() =>
    {
        using var reader = File.OpenText(SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));
        var councils = MySocietyCouncilImporter.Import(reader).Councils;
        return (new SimilarCouncils(councils), new CouncilDirectory(councils));
    });

    private static IReadOnlyList<CouncilNeighbour> NearestTo(string code, int count)
    {
        var (similar, directory) = All.Value;
        return similar.Nearest(directory.FindByCode(code)!, count);
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void RuralCouncilsNeighboursAreRuralAndNeverLondonBoroughs()
    {
        foreach (var code in new[] { "HLD", "POW", "WAF", "CON", "NYE" })
        {
            var nearest = NearestTo(code, 5);

            Assert.All(nearest, n => Assert.NotEqual(GovernanceType.LondonBorough, n.Council.GovernanceType));
            Assert.All(nearest, n => Assert.NotEqual(GovernanceType.MetropolitanDistrict, n.Council.GovernanceType));
            Assert.All(nearest, n => Assert.NotEqual(RuralUrbanClass.Urban, n.Council.RuralUrban));
        }
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void HighlandsNeighboursAreSparseRuralScottishCouncils()
    {
        var nearest = NearestTo("HLD", 4);

        Assert.All(nearest, n => Assert.Equal(RuralUrbanClass.SparseRural, n.Council.RuralUrban));
        Assert.All(nearest, n => Assert.Equal(Nation.Scotland, n.Council.Nation));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void NorthYorkshiresNeighboursAreLargeRuralCountiesAndUnitaries()
    {
        var nearest = NearestTo("NYE", 5);

        Assert.All(nearest, n => Assert.Contains(n.Council.GovernanceType, new[] { GovernanceType.County, GovernanceType.Unitary }));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void TowerHamletsNeighboursAreMostlyInnerLondonBoroughs()
    {
        var nearest = NearestTo("TWH", 5);

        Assert.All(nearest, n => Assert.Equal(GovernanceType.LondonBorough, n.Council.GovernanceType));
        Assert.True(nearest.Count(n => InnerLondon.Contains(n.Council.Name)) >= 3,
            $"nearest were {string.Join(", ", nearest.Select(n => n.Council.Name))}");
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void BlackpoolsNeighboursAreDeprivedUrbanCouncils()
    {
        var nearest = NearestTo("BPL", 5);

        Assert.Contains(nearest, n => n.Council.Name == "Knowsley");
        Assert.All(nearest, n => Assert.True(n.Council.DeprivationDecile <= 2, $"{n.Council.Name} is in decile {n.Council.DeprivationDecile}"));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void DistrictsAreComparedWithDistricts()
    {
        var nearest = NearestTo("HAT", 10);

        Assert.All(nearest, n => Assert.Equal(GovernanceType.District, n.Council.GovernanceType));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void ContributionsAddUpToTheSquaredDistanceAndComeLargestFirst()
    {
        foreach (var neighbour in NearestTo("HLD", 10))
        {
            Assert.Equal(neighbour.Distance * neighbour.Distance, neighbour.Contributions.Sum(c => c.Contribution), 9);
            Assert.Equal(neighbour.Contributions.OrderByDescending(c => c.Contribution).Select(c => c.Field), neighbour.Contributions.Select(c => c.Field));
        }
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void NeighboursAreNearestFirstAndNeverTheCouncilItself()
    {
        var nearest = NearestTo("TWH", 20);

        Assert.DoesNotContain(nearest, n => n.Council.Code == "TWH");
        Assert.Equal(nearest.Select(n => n.Distance).Order(), nearest.Select(n => n.Distance));
    }

    [Fact]
    public void ContributionsShowBothCouncilsValues()
    {
        var a = Profile("AAA", 100_000, 40, 0.0, GovernanceType.Unitary, "North West");
        var b = Profile("BBB", 400_000, 10, 0.5, GovernanceType.County, "South East");

        var neighbour = new SimilarCouncils([a, b]).Nearest(a).Single();

        var contributions = neighbour.Contributions.ToDictionary(c => c.Field);
        Assert.Equal(["deprivation", "governance_type", "place", "population", "rural_share"], contributions.Keys.Order());
        Assert.Equal("100,000", contributions["population"].CouncilValue);
        Assert.Equal("400,000", contributions["population"].NeighbourValue);
        Assert.Equal("score 40.0 (decile 1)", contributions["deprivation"].CouncilValue);
        Assert.Equal("50% rural (rural)", contributions["rural_share"].NeighbourValue);
        Assert.Equal("county", contributions["governance_type"].NeighbourValue);
        Assert.Equal(SimilarityWeights.Default.UpperAndSingleTier, contributions["governance_type"].Contribution);
        Assert.Equal(SimilarityWeights.Default.OtherRegion, contributions["place"].Contribution);
    }

    [Fact]
    public void NumericTermsAreSquaredStandardDeviationsApart()
    {
        // Two councils: each value sits one sd from the mean, so every pair of values is 2 sd apart.
        var a = Profile("AAA", 100_000, 40, 0.0, GovernanceType.Unitary, "North West");
        var b = Profile("BBB", 400_000, 10, 0.5, GovernanceType.Unitary, "North West");

        var neighbour = new SimilarCouncils([a, b]).Nearest(a).Single();

        Assert.All(neighbour.Contributions.Where(c => c.Field is "population" or "deprivation" or "rural_share"),
            c => Assert.Equal(4.0, c.Contribution, 9));
        Assert.Equal(Math.Sqrt(12), neighbour.Distance, 9);
    }

    [Fact]
    public void AMissingPopulationCostsTheMissingValuePenalty()
    {
        var a = Profile("AAA", null, 40, 0.0, GovernanceType.CombinedAuthority, "North West");
        var b = Profile("BBB", 400_000, 40, 0.0, GovernanceType.CombinedAuthority, "North West");

        var neighbour = new SimilarCouncils([a, b]).Nearest(a).Single();

        var population = neighbour.Contributions.Single(c => c.Field == "population");
        Assert.Equal("unknown", population.CouncilValue);
        Assert.Equal(SimilarityWeights.Default.MissingValue, population.Contribution);
    }

    [Fact]
    public void OtherNationCostsMoreThanOtherRegion()
    {
        var home = Profile("AAA", 200_000, 20, 0.2, GovernanceType.Unitary, "North West");
        var region = Profile("BBB", 200_000, 20, 0.2, GovernanceType.Unitary, "North East");
        var wales = Profile("CCC", 200_000, 20, 0.2, GovernanceType.WelshPrincipal, "Wales", Nation.Wales);

        var nearest = new SimilarCouncils([home, region, wales]).Nearest(home);

        Assert.Equal(["BBB", "CCC"], nearest.Select(n => n.Council.Code));
    }

    private static CouncilProfile Profile(string code, int? population, double deprivation, double nonUrban, string type, string region, string nation = Nation.England) => new()
    {
        Code = code,
        GssCode = "E06000001",
        Name = code,
        Nation = nation,
        Region = region,
        GovernanceType = type,
        Population = population,
        PopulationBand = population is { } p ? PopulationBand.For(p) : null,
        RuralUrban = nonUrban > 0.3 ? RuralUrbanClass.Rural : RuralUrbanClass.Urban,
        RuralShare = nonUrban,
        UrbanShare = 1 - nonUrban,
        DeprivationScore = deprivation,
        DeprivationDecile = deprivation > 30 ? 1 : 6,
        DeprivationQuintile = deprivation > 30 ? 1 : 3,
    };
}
