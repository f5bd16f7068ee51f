using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Councils;

/// <summary>data/councils/examples.json: the councils the app starts with when ../shared is absent.</summary>
public sealed class ExampleCouncilsTests
{
    private static readonly string ExamplesFile = RepoPaths.InRepo("data", "councils", "examples.json");

    private static IReadOnlyList<CouncilProfile> Load()
    {
        var result = CouncilCatalogue.LoadFile(ExamplesFile);
        Assert.Empty(result.Rejects);
        return result.Councils;
    }

    [Fact]
    public void ExamplesLoadWithoutRejectsAndNumberAtLeastTwentyFive()
    {
        Assert.True(Load().Count >= 25);
    }

    [Fact]
    public void ExamplesCoverEveryGovernanceTypeAndNation()
    {
        var councils = Load();

        Assert.All(GovernanceType.All, type => Assert.Contains(councils, c => c.GovernanceType == type));
        Assert.All(Nation.All, nation => Assert.Contains(councils, c => c.Nation == nation));
    }

    [Fact]
    public void ExamplesCoverUrbanToSparseRuralAndBothEndsOfDeprivation()
    {
        var councils = Load();

        Assert.All(RuralUrbanClass.All, cls => Assert.Contains(councils, c => c.RuralUrban == cls));
        Assert.All(PopulationBand.All, band => Assert.Contains(councils, c => c.PopulationBand == band));
        Assert.Contains(councils, c => c.DeprivationDecile == 1);
        Assert.Contains(councils, c => c.DeprivationDecile == 10);
    }

    [Theory]
    [InlineData("BPL", "Blackpool", 1)]
    [InlineData("KWL", "Knowsley", 1)]
    [InlineData("WOK", "Wokingham", 10)]
    [InlineData("HAT", "Hart", 10)]
    [InlineData("RIC", "Richmond upon Thames", 10)]
    public void NamedDeprivationExtremesAreIncluded(string code, string name, int decile)
    {
        var council = Assert.Single(Load(), c => c.Code == code);

        Assert.Equal(name, council.Name);
        Assert.Equal(decile, council.DeprivationDecile);
    }

    [Fact]
    public void NamedSparseAndRuralAreasAreIncluded()
    {
        var codes = Load().Select(c => c.Code).ToHashSet();

        Assert.Superset(new HashSet<string> { "HLD", "CON", "POW", "NYE", "WAF", "TWH" }, codes);
    }

    [Fact]
    public void BuildOutputCarriesTheExamplesSoTheAppStartsWithoutSharedData()
    {
        // The test project references Ingest, whose build copies data/councils/*.json to councils/.
        var result = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder);

        Assert.Empty(result.Rejects);
        Assert.Equal(Load().Count, result.Councils.Count);
    }

    [Fact]
    public void ExamplesFileCarriesTheMySocietyAttribution()
    {
        var text = File.ReadAllText(ExamplesFile);

        Assert.Contains("mySociety", text, StringComparison.Ordinal);
        Assert.Contains("CC-BY-4.0", text, StringComparison.Ordinal);
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void EveryExampleStatesTheSameFactsAsTheMySocietyTable()
    {
        using var reader = File.OpenText(SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));
        var published = MySocietyCouncilImporter.Import(reader).Councils.ToDictionary(c => c.Code);

        Assert.All(Load(), example => Assert.Equal(published[example.Code], example));
    }
}
