using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

public sealed class ContextNoteTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private static Practice UrbanAmericanPractice(string id, string title) => TestPractices.Valid(id) with
    {
        Title = title,
        EvidenceContext = new EvidenceContext { Countries = ["USA"], RuralUrban = ["urban"], GovernanceTypes = ["london_borough"], PopulationBands = ["very_large"] },
    };

    private static readonly PracticeIndex UrbanOnly = new PracticeIndexBuilder().Build(
    [
        UrbanAmericanPractice("city-befriending", "City befriending for lonely older people"),
        UrbanAmericanPractice("city-lunch-clubs", "Lunch clubs against loneliness in the city"),
    ], "urban-only");

    [Fact]
    public void WhenNoPracticeHasEvidenceFromSimilarPlacesTheResponseSaysSo()
    {
        var response = seed.Ranker.Rank(UrbanOnly, NormalisedRequest.From(new RecommendationRequest { Challenge = "loneliness" }) with { Council = "ELS" }, seed.ContextFor("ELS"));

        Assert.NotEmpty(response.Results);
        Assert.Contains("Eilean Siar", response.ContextNote, StringComparison.Ordinal);
        Assert.All(response.Results, r => Assert.True(r.Explanation.WeakEvidenceForContext));
        Assert.All(response.Results, r => Assert.Contains(r.Explanation.AdaptationNotes!, n => n.Contains("outside the UK", StringComparison.Ordinal)));
    }

    [Fact]
    public void WhenEvidenceComesFromPlacesLikeTheCouncilThereIsNoWarning()
    {
        var london = UrbanOnly.Practices.Select(p => p with { EvidenceContext = new EvidenceContext { Countries = ["England"], RuralUrban = ["urban"], GovernanceTypes = ["london_borough"], PopulationBands = ["large"], DeprivationQuintiles = [2] } }).ToList();
        var index = new PracticeIndexBuilder().Build(london, "london");

        var response = seed.Ranker.Rank(index, NormalisedRequest.From(new RecommendationRequest { Challenge = "loneliness" }) with { Council = "TWH" }, seed.ContextFor("TWH"));

        Assert.Null(response.ContextNote);
        Assert.All(response.Results, r => Assert.False(r.Explanation.WeakEvidenceForContext));
        Assert.All(response.Results, r => Assert.All(r.Explanation.Context!, f => Assert.Equal("match", f.Verdict)));
    }

    [Fact]
    public void AdopterAmongTheCouncilsNearestNeighboursIsNamed()
    {
        var practice = UrbanAmericanPractice("borough-befriending", "Borough befriending against loneliness") with
        {
            Adopters = [new Adopter { CouncilCode = "HCK", CouncilName = "Hackney", Year = 2019, Status = "implemented" }],
        };
        var index = new PracticeIndexBuilder().Build([practice], "adopters");

        var response = seed.Ranker.Rank(index, NormalisedRequest.From(new RecommendationRequest { Challenge = "loneliness" }) with { Council = "TWH" }, seed.ContextFor("TWH"));

        var adopter = Assert.Single(response.Results[0].Explanation.SimilarAdopters!);
        Assert.Equal("HCK", adopter.Code);
        Assert.Contains("Hackney", response.Results[0].Explanation.Text, StringComparison.Ordinal);
    }
}
