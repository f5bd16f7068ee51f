using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking.Reported;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>
/// What councils report with their keys: a similar council running a practice counts like a catalogue
/// adopter and is shown as the council's own report; outcomes are summarised beside the evidence and
/// reorder close calls, but never lift a practice over the relevance floor.
/// </summary>
public sealed class ReportedAdoptionTests(SeedIndexFixture seed) : IClassFixture<SeedIndexFixture>
{
    private const string Challenge = "reduce loneliness among older people";

    [Fact]
    public void AdoptionReportedByANearNeighbourLiftsThePracticeAndIsExplained()
    {
        const string council = "CON";
        var context = seed.ContextFor(council);
        var nearest = context.Neighbours.MinBy(n => n.Value).Key;
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = Challenge, Limit = 50 }) with { Council = council };
        var before = seed.Ranker.Rank(seed.Index, request, context);

        // A practice in the list that no neighbour of Cornwall adopted according to the catalogue.
        var target = before.Results.First(r => r.Explanation.SimilarAdopters!.Count == 0);
        var after = seed.Ranker.Rank(seed.Index, request, context, Reports((target.Practice.Id, nearest, AdoptionStatus.Adopted, null)));

        var lifted = after.Results.Single(r => r.Practice.Id == target.Practice.Id);
        Assert.True(lifted.ScoreParts.Context > target.ScoreParts.Context, $"{lifted.ScoreParts.Context} vs {target.ScoreParts.Context}");
        var adopter = Assert.Single(lifted.Explanation.SimilarAdopters!);
        Assert.True(adopter.FromFeedback);
        Assert.Equal(1, adopter.NeighbourRank);
        Assert.StartsWith("adopted, reported by the council", adopter.Status);
        Assert.Equal("Reported by 1 council (0 with a measured improvement, 0 stopped)", lifted.Explanation.Reported!.Text);
        Assert.Equal(before.RequestId, after.RequestId);
    }

    [Fact]
    public void ACouncilThatStoppedOrIsOnlyConsideringIsNoAdopter()
    {
        const string council = "CON";
        var context = seed.ContextFor(council);
        var nearest = context.Neighbours.MinBy(n => n.Value).Key;
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = Challenge, Limit = 50 }) with { Council = council };
        var target = seed.Ranker.Rank(seed.Index, request, context).Results.First(r => r.Explanation.SimilarAdopters!.Count == 0);

        var stopped = seed.Ranker.Rank(seed.Index, request, context, Reports((target.Practice.Id, nearest, AdoptionStatus.Stopped, null))).Results.Single(r => r.Practice.Id == target.Practice.Id);
        var considering = seed.Ranker.Rank(seed.Index, request, context, Reports((target.Practice.Id, nearest, AdoptionStatus.Considering, null))).Results.Single(r => r.Practice.Id == target.Practice.Id);

        Assert.Empty(stopped.Explanation.SimilarAdopters!);
        Assert.Equal("Reported by 1 council (0 with a measured improvement, 1 stopped)", stopped.Explanation.Reported!.Text);
        Assert.Empty(considering.Explanation.SimilarAdopters!);
        Assert.Null(considering.Explanation.Reported);
    }

    [Fact]
    public void ReportsFromACouncilUnlikeThisOneAddNoAdopter()
    {
        const string council = "CON";
        var context = seed.ContextFor(council);
        var stranger = seed.Councils.First(c => c.Code != council && !context.Neighbours.ContainsKey(c.Code)).Code;
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = Challenge }) with { Council = council };
        var before = seed.Ranker.Rank(seed.Index, request, context);

        var after = seed.Ranker.Rank(seed.Index, request, context, Reports([.. before.Results.Select(r => (r.Practice.Id, stranger, AdoptionStatus.Adopted, (ReportedOutcome?)null))]));

        Assert.Equal(before.Results.Select(r => (r.Practice.Id, r.Explanation.SimilarAdopters!.Count)), after.Results.Select(r => (r.Practice.Id, r.Explanation.SimilarAdopters!.Count)));
    }

    [Fact]
    public void MeasuredImprovementsRaiseAPracticeWithinTheResultsAndNeverOverTheFloor()
    {
        var request = NormalisedRequest.From(new RecommendationRequest { Challenge = Challenge, Limit = 50 });
        var before = seed.Ranker.Rank(seed.Index, request);
        Assert.True(before.Results.Count >= 2, "the challenge should have at least two close matches");
        var last = before.Results[^1];
        var improved = new ReportedOutcome { Measure = "residents who say they are often lonely (%)", Before = 12, After = 8, Period = "2023 to 2024", Better = ReportedOutcome.LowerIsBetter };
        var codes = seed.Councils.Take(6).Select(c => c.Code).ToList();
        var belowFloor = before.Related.Select(r => r.Practice.Id).ToList();

        var after = seed.Ranker.Rank(seed.Index, request, reported: Reports([
            .. codes.Select(code => (last.Practice.Id, code, AdoptionStatus.Scaled, (ReportedOutcome?)improved)),
            .. belowFloor.SelectMany(id => codes.Select(code => (id, code, AdoptionStatus.Scaled, (ReportedOutcome?)improved))),
        ]));

        var raised = after.Results.Single(r => r.Practice.Id == last.Practice.Id);
        Assert.True(raised.Score > last.Score, $"{raised.Score} vs {last.Score}");
        Assert.Equal(6.0 / 8, raised.ScoreParts.Reported, 3);
        Assert.Equal("Reported by 6 councils (6 with a measured improvement, 0 stopped)", raised.Explanation.Reported!.Text);
        Assert.Equal(before.Results.Select(r => r.Practice.Id).Order(), after.Results.Select(r => r.Practice.Id).Order());
        Assert.DoesNotContain(after.Results, r => belowFloor.Contains(r.Practice.Id));
    }

    private ReportedAdoptions Reports(params (string Practice, string Council, string Status, ReportedOutcome? Outcome)[] reports) =>
        new(reports.GroupBy(r => r.Practice).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<AdoptionReport>)[.. g.Select(r => new AdoptionReport
                {
                    PracticeId = r.Practice,
                    Council = r.Council,
                    Status = r.Status,
                    Started = "2024",
                    Outcome = r.Outcome,
                    ReportedAt = DateTimeOffset.UnixEpoch,
                    Source = AdoptionReport.FromReport,
                })]),
            code => seed.Councils.FirstOrDefault(c => c.Code == code)?.Name);
}
