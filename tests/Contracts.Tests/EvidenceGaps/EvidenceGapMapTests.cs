using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Councils;
using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;
using static Recommend.Contracts.Tests.EvidenceGaps.GapTestData;

namespace Recommend.Contracts.Tests.EvidenceGaps;

public sealed class EvidenceGapMapTests
{
    private static readonly CouncilProfile County = Council("CTY", GovernanceType.County, population: 800_000, rural: RuralUrbanClass.Rural, quintile: 4);
    private static readonly CouncilProfile DistrictA = Council("DSA", GovernanceType.District, population: 500_000, rural: RuralUrbanClass.Rural, quintile: 5);
    private static readonly CouncilProfile DistrictB = Council("DSB", GovernanceType.District, population: 300_000, rural: RuralUrbanClass.Urban, quintile: 2);
    private static readonly CouncilProfile Unitary = Council("UNI", GovernanceType.Unitary, population: 200_000);
    private static readonly CouncilProfile Combined = Council("CAX", GovernanceType.CombinedAuthority, population: 1_000_000);
    private static readonly CouncilProfile[] Councils = [County, DistrictA, DistrictB, Unitary, Combined];

    [Fact]
    public void ResidentsAreCountedOnceAtTheTierThatRunsTheArea()
    {
        var report = EvidenceGapMap.Build(Councils, [], [], ["adult_social_care", "housing_homelessness"]);

        var care = report.Areas.Single(a => a.Area == "adult_social_care");
        var housing = report.Areas.Single(a => a.Area == "housing_homelessness");
        Assert.Equal(1_000_000, care.Residents);
        Assert.Equal(1_000_000, housing.Residents);
        Assert.Equal(["CTY", "UNI"], care.Cells.SelectMany(c => c.CouncilCodes).Order(StringComparer.Ordinal));
        Assert.Equal(["DSA", "DSB", "UNI"], housing.Cells.SelectMany(c => c.CouncilCodes).Order(StringComparer.Ordinal));
        Assert.Equal(care.Residents, care.Cells.Sum(c => c.Residents));
        Assert.Contains("county", care.RunBy);
        Assert.Contains("district", housing.RunBy);
    }

    [Fact]
    public void TheGapIsTheShareOfResidentsWhoseCellHasNoSimilarLevelThreeEvidence()
    {
        EvidencePractice[] practices =
        [
            Practice("rural-districts", types: [GovernanceType.District], rural: [RuralUrbanClass.Rural]),
            Practice("england-only", countries: [Nation.England]),
            Practice("weak-urban", level: 2, types: [GovernanceType.Unitary]),
            Practice("other-area", area: "education", types: [GovernanceType.Unitary]),
        ];

        var housing = EvidenceGapMap.Build(Councils, practices, [], ["housing_homelessness"]).Areas.Single();

        Assert.Equal(2, housing.PracticesAtLevel);
        Assert.Equal(["rural-districts"], housing.Cells.Single(c => c.CouncilCodes.Contains("DSA")).SimilarPracticeIds);
        Assert.Empty(housing.Cells.Single(c => c.CouncilCodes.Contains("UNI")).SimilarPracticeIds);
        Assert.Equal(500_000, housing.ResidentsWithoutSimilarEvidence);
        Assert.Equal(0.5, housing.ShareWithoutSimilarEvidence);
        Assert.Equal(500_000, housing.ResidentsWithNationEvidenceOnly);
        Assert.Equal(0, housing.ResidentsWithoutUkEvidence);
        Assert.All(housing.Cells, c => Assert.Equal(1, c.NationOnlyPractices));
    }

    [Fact]
    public void AdoptionsFromTheCatalogueAndCouncilsReportsAreShownUnderTheAdoptingCouncilsCell()
    {
        EvidencePractice[] practices =
        [
            Practice("housing-one", adopters: [new Adopter { CouncilCode = "DSA", CouncilName = "Council DSA", Year = 2021, Status = "running" }]),
            Practice("school-one", area: "education", adopters: [new Adopter { CouncilCode = "DSA", CouncilName = "Council DSA" }]),
        ];
        var feedback = ReportedAdoption.FromReports(new Dictionary<string, IReadOnlyList<AdoptionReport>>
        {
            ["housing-one"] = [Report("housing-one", "DSB", AdoptionStatus.Piloted), Report("housing-one", "NOPE", AdoptionStatus.Adopted), Report("housing-one", "UNI", AdoptionStatus.Considering)],
            ["no-such-practice"] = [Report("no-such-practice", "UNI", AdoptionStatus.Adopted)],
        });

        var housing = EvidenceGapMap.Build(Councils, practices, ReportedAdoption.FromCatalogue(practices).Concat(feedback), ["housing_homelessness"]).Areas.Single();

        var fromCatalogue = Assert.Single(housing.Cells.Single(c => c.CouncilCodes.Contains("DSA")).Adoptions);
        Assert.Equal(("housing-one", AdoptionSource.Catalogue, 2021, "running"), (fromCatalogue.PracticeId, fromCatalogue.Source, fromCatalogue.Year, fromCatalogue.Status));
        var fromFeedback = Assert.Single(housing.Cells.Single(c => c.CouncilCodes.Contains("DSB")).Adoptions);
        Assert.Equal(("DSB", AdoptionSource.Council, "piloted", (int?)2023), (fromFeedback.CouncilCode, fromFeedback.Source, fromFeedback.Status, fromFeedback.Year));
        Assert.Empty(housing.Cells.Single(c => c.CouncilCodes.Contains("UNI")).Adoptions);
    }

    [Fact]
    public void ACellLinksToExactlyItsPracticesOrToTheAreasStrongEvidenceWhenItHasNone()
    {
        Assert.Equal("/browse.html?ids=a,b", EvidenceGapMap.PracticesUrl("waste", ["a", "b"]));
        Assert.Equal("/browse.html?area=waste&min_evidence=3", EvidenceGapMap.PracticesUrl("waste", []));
    }

    [Fact]
    public void OnTheShippedExamplesEveryNamedPracticeIsALevelThreePracticeOfItsAreaAndEveryResidentIsCountedOnce()
    {
        var councils = CouncilCatalogue.LoadFolder(RepoPaths.InRepo("data", "councils")).Councils;
        var catalogue = SeedData.Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var practices = SeedData.Practices.Select(EvidencePractice.From).ToList();

        var report = EvidenceGapMap.Build(councils, practices, ReportedAdoption.FromCatalogue(practices));

        Assert.Equal(ServiceArea.All, report.Areas.Select(a => a.Area));
        foreach (var area in report.Areas)
        {
            var counted = councils.Where(c => ServiceTiers.Counts(c, area.Area)).ToList();
            Assert.Equal(counted.Sum(c => (long)(c.Population ?? 0)), area.Cells.Sum(c => c.Residents));
            Assert.Equal(area.Residents, area.Cells.Sum(c => c.Residents));
            Assert.Equal(counted.Select(c => c.Code).Order(StringComparer.Ordinal), area.Cells.SelectMany(c => c.CouncilCodes).Order(StringComparer.Ordinal));
            foreach (var id in area.Cells.SelectMany(c => c.SimilarPracticeIds))
            {
                Assert.True(catalogue.TryGetValue(id, out var practice), $"{area.Area} names '{id}', which is not in the catalogue");
                Assert.True(practice.Evidence.Level >= 3 && practice.ServiceAreas.Contains(area.Area), $"{id} is not a level 3+ practice of {area.Area}");
                Assert.True(report.Practices.ContainsKey(id));
            }

            Assert.All(area.Cells.SelectMany(c => c.Adoptions), a => Assert.True(catalogue.ContainsKey(a.PracticeId) && report.Practices.ContainsKey(a.PracticeId)));
        }

        Assert.All(report.Practices.Keys, id => Assert.True(catalogue.ContainsKey(id)));
        Assert.Contains(report.Areas, a => a.Cells.Any(c => c.SimilarPracticeIds.Count > 0));
        Assert.Contains(report.Areas, a => a.Cells.Any(c => c.Adoptions.Count > 0));
    }

    private static AdoptionReport Report(string practice, string council, string status) => new()
    {
        PracticeId = practice, Council = council, Status = status, Started = "2023-06", ReportedAt = DateTimeOffset.UnixEpoch, Source = AdoptionReport.FromReport,
    };
}
