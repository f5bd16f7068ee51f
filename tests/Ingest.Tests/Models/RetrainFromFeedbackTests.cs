using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Cli;
using Recommend.Ingest.Training;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Recommend.Ingest.Tests.Models;

/// <summary>
/// retrain --feedback on a real redis-server, from events in the durable log as ingest writes them:
/// councils' feedback on some wordings of a need helps the other wordings, and a hostile client's
/// bursts for practices that are no use do not put them in anyone's results.
/// </summary>
public sealed class RetrainFromFeedbackTests(RedisServerFixture redis, ITestOutputHelper log) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private const string HostileClient = "5eed0bad";
    private static readonly string Judgments = RepoPaths.InRepo("data", "judgments");
    private static readonly string[] Councils = ["ISL", "CON", "LDS", "NFK", "BBD", "CBD"];
    private readonly TempFolder _temp = new();
    private int _entries;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// One retraining checks both, because a retraining on the whole seed catalogue takes minutes.
    /// Keyed councils say, on every wording but one of each training need, which practices were
    /// directly useful and which useless; the left-out wording ("sibling") never gets feedback. A
    /// hostile client posts "useful" 300 times for each practice graded useless for a sibling (and
    /// for none of its need's wordings graded better, nor called useful by honest councils anywhere),
    /// each from another answer. It attacks the first
    /// <see cref="AttackedSiblings"/> siblings: whether one sibling's useless practices sit near enough
    /// the floor to be liftable at all depends on the catalogue, and the check needs some that are.
    /// </summary>
    [Fact]
    public async Task FeedbackOnSomeWordingsHelpsTheOthersAndAHostileBurstLiftsNothing()
    {
        var judgments = JudgmentSet.Read(Judgments);
        var train = HeldOutSplit.Split(judgments.Queries).Train;
        var needs = train.GroupBy(q => q.Need ?? q.Id).Where(n => n.Count() >= 2).Select(n => n.OrderBy(q => q.Id, StringComparer.Ordinal).ToList()).ToList();
        var siblings = needs.Select(n => n[0]).ToList();
        foreach (var wording in needs.SelectMany(n => n.Skip(1)))
        {
            foreach (var (practice, grade) in judgments.Qrels.For(wording.Id).Where(j => j.Value != 1))
            {
                foreach (var council in Councils.Take(grade == 2 ? 3 : 2))
                {
                    await LogAsync(wording, practice, grade == 2 ? FeedbackSignal.Useful : FeedbackSignal.NotRelevant, keyed: true, council, client: council.ToLowerInvariant());
                }
            }
        }

        // Honest councils called these useful somewhere (a SEND deficit's "safety valve" programme, say):
        // feedback may rightly lift them for a similar question (a children's placement budget), so
        // lifting one proves nothing about the hostile client.
        var calledUseful = needs.SelectMany(n => n.Skip(1)).SelectMany(w => judgments.Qrels.For(w.Id)).Where(j => j.Value == 2).Select(j => j.Key).ToHashSet(StringComparer.Ordinal);
        var attacks = new List<(JudgedQuery Wording, List<string> Targets)>();
        foreach (var need in needs.Take(AttackedSiblings))
        {
            var gradedBetter = need.SelectMany(w => judgments.Qrels.For(w.Id)).Where(j => j.Value > 0).Select(j => j.Key).Concat(calledUseful).ToHashSet(StringComparer.Ordinal);
            var targets = judgments.Qrels.For(need[0].Id).Where(j => j.Value == 0 && !gradedBetter.Contains(j.Key)).Select(j => j.Key).ToList();
            attacks.Add((need[0], targets));
            foreach (var target in targets)
            {
                for (var i = 0; i < 300; i++)
                {
                    await LogAsync(need[0], target, FeedbackSignal.Useful, keyed: false, council: null, client: HostileClient, requestId: $"v{i:x6}.{need[0].Id}.{target}");
                }
            }
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await RetrainCommand.RunAsync(["--feedback", "--publish", "--redis", $"127.0.0.1:{redis.Port}", "--report", _temp.File("report")], output, error, CancellationToken.None);
        log.WriteLine(output.ToString());
        log.WriteLine(error.ToString());
        Assert.True(exit == 0, error.ToString());

        using var embedder = new MiniLmEmbedder();
        var learned = await LoadCurrentAsync(embedder);
        Assert.True(learned.Feedback.Use.FloorShift > 0, "The councils' feedback should have been given a say over the floor, or the hostile check below proves nothing.");
        var without = learned.WithModel(learned.Version, learned.Reranker, FeedbackMemory.Empty, learned.Card!);
        var evaluator = new RankingEvaluator(EvaluationCouncils.Load().Councils);

        // Feedback on the other wordings of each need: more directly useful practices shown for the siblings.
        var usefulWith = siblings.Sum(q => Shown(learned, evaluator, q).Count(id => judgments.Qrels.For(q.Id).GetValueOrDefault(id) == 2));
        var usefulWithout = siblings.Sum(q => Shown(without, evaluator, q).Count(id => judgments.Qrels.For(q.Id).GetValueOrDefault(id) == 2));
        log.WriteLine($"directly useful results on {siblings.Count} sibling wordings: {usefulWithout} without feedback, {usefulWith} with");
        Assert.True(usefulWith > usefulWithout, $"{usefulWith} directly useful results with feedback, {usefulWithout} without");

        // The hostile client's targets: none enters the results (so none its top 5) that was not there without feedback.
        var plausible = 0;
        foreach (var (attacked, targets) in attacks)
        {
            var before = Shown(without, evaluator, attacked);
            var after = Shown(learned, evaluator, attacked);
            var liftable = Candidates(without, evaluator, attacked).Count(c => targets.Contains(c.Practice.Id) && c.Relevance >= learned.Feedback.Use.MinChance);
            plausible += liftable;
            log.WriteLine($"{attacked.Id}: {targets.Count} targets, {liftable} of them plausible enough to be lifted by feedback; results before [{string.Join(", ", before)}], after [{string.Join(", ", after)}]");
            Assert.Empty(after.Take(5).Intersect(targets).Except(before));
            Assert.Empty(after.Intersect(targets).Except(before));
        }

        Assert.True(plausible > 0, "No target was close enough to the floor for feedback to lift it: the check would prove nothing.");
    }

    /// <summary>How many siblings the hostile client attacks.</summary>
    private const int AttackedSiblings = 6;

    private static List<string> Shown(PracticeIndex index, RankingEvaluator evaluator, JudgedQuery query)
    {
        var request = NormalisedRequest.From(query.ToServedRequest(5));
        return [.. new PracticeRanker().Rank(index, request, evaluator.Context(request.Council)).Results.Select(r => r.Practice.Id)];
    }

    private static IReadOnlyList<ScoredCandidate> Candidates(PracticeIndex index, RankingEvaluator evaluator, JudgedQuery query)
    {
        var request = NormalisedRequest.From(query.ToServedRequest(5));
        return new PracticeRanker().Score(index, request, evaluator.Context(request.Council)).Candidates;
    }

    private async Task<PracticeIndex> LoadCurrentAsync(MiniLmEmbedder embedder)
    {
        var db = redis.Connection.GetDatabase();
        var version = (string)(await db.StringGetAsync(StoreKeys.CurrentIndexVersion))!;
        var parts = (await db.HashGetAllAsync(StoreKeys.Index(version))).ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
        return PracticeIndex.Deserialise(parts, embedder);
    }

    /// <summary>One event in the durable log, as ingest writes it: the canonical request the answer was for, where the practice was shown, who spoke.</summary>
    private async Task LogAsync(JudgedQuery wording, string practice, string signal, bool keyed, string? council, string client, string? requestId = null)
    {
        var request = NormalisedRequest.From(wording.ToServedRequest(10)).ToRequest();
        _entries++;
        await redis.Connection.GetDatabase().StreamAddAsync(StoreKeys.FeedbackEvents,
        [
            new NameValueEntry(FeedbackStreamFields.RequestId, requestId ?? $"vtest.{wording.Id}.{council ?? client}"),
            new NameValueEntry(FeedbackStreamFields.PracticeId, practice),
            new NameValueEntry(FeedbackStreamFields.Signal, signal),
            new NameValueEntry(FeedbackStreamFields.Council, council ?? ""),
            new NameValueEntry(FeedbackStreamFields.Request, JsonSerializer.Serialize(request, RecommendationJsonContext.Default.RecommendationRequest)),
            new NameValueEntry(FeedbackStreamFields.ReceivedAt, DateTimeOffset.UtcNow.ToString("O")),
            new NameValueEntry(FeedbackStreamFields.SourceId, $"{_entries}-0"),
            new NameValueEntry(FeedbackStreamFields.Rank, keyed ? "" : "1"),
            new NameValueEntry(FeedbackStreamFields.ShownIn, keyed ? LoggedShownIn : "results"),
            new NameValueEntry(FeedbackStreamFields.Keyed, keyed ? "1" : "0"),
            new NameValueEntry(FeedbackStreamFields.Client, client),
        ]);
    }

    private const string LoggedShownIn = "related";
}
