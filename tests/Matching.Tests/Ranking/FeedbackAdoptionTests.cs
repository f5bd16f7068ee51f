using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>"Adopted" feedback from a similar council counts like a catalogue adopter, and is shown as feedback.</summary>
public sealed class FeedbackAdoptionTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    [Fact]
    public void AdoptionReportedByANearNeighbourLiftsThePracticeAndIsExplained()
    {
        const string council = "CON";
        var context = seed.ContextFor(council);
        var nearest = context.Neighbours.MinBy(n => n.Value).Key;
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness among older people", Limit = 50 }) with { Council = council };
        var before = seed.Ranker.Rank(seed.Index, request, context);

        // A practice in the list that no neighbour of Cornwall adopted according to the catalogue.
        var target = before.Results.First(r => r.Explanation.SimilarAdopters!.Count == 0);
        var feedback = new Dictionary<string, IReadOnlyList<FeedbackAdopter>> { [target.Practice.Id] = [new FeedbackAdopter(nearest, "Nearest neighbour", 2)] };
        var after = seed.Ranker.Rank(seed.Index, request, context with { FeedbackAdopters = feedback });

        var lifted = after.Results.Single(r => r.Practice.Id == target.Practice.Id);
        Assert.True(lifted.ScoreParts.Context > target.ScoreParts.Context, $"{lifted.ScoreParts.Context} vs {target.ScoreParts.Context}");
        var adopter = Assert.Single(lifted.Explanation.SimilarAdopters!);
        Assert.True(adopter.FromFeedback);
        Assert.Equal(1, adopter.NeighbourRank);
        Assert.Equal(before.RequestId, after.RequestId);
    }

    [Fact]
    public void FeedbackFromACouncilUnlikeThisOneChangesNothing()
    {
        const string council = "CON";
        var context = seed.ContextFor(council);
        var stranger = seed.Councils.First(c => c.Code != council && !context.Neighbours.ContainsKey(c.Code)).Code;
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = "reduce loneliness among older people" }) with { Council = council };
        var before = seed.Ranker.Rank(seed.Index, request, context);
        var feedback = before.Results.ToDictionary(r => r.Practice.Id, _ => (IReadOnlyList<FeedbackAdopter>)[new FeedbackAdopter(stranger, "Far away", 5)]);

        var after = seed.Ranker.Rank(seed.Index, request, context with { FeedbackAdopters = feedback });

        Assert.Equal(before.Results.Select(r => (r.Practice.Id, r.Score)), after.Results.Select(r => (r.Practice.Id, r.Score)));
    }
}
