using Recommend.Ingest.Cli;
using Recommend.Ingest.Models;
using Recommend.Ingest.Training;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using Xunit.Abstractions;

namespace Recommend.Ingest.Tests.Models;

/// <summary>
/// retrain end to end on a real redis-server: the shipped judgments give a model that is published;
/// a model trained on judgments whose training labels are turned upside down is refused.
/// </summary>
public sealed class RetrainTests(RedisServerFixture redis, ITestOutputHelper log) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private static readonly string Judgments = RepoPaths.InRepo("data", "judgments");
    private readonly TempFolder _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private string _seed = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _seed = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> Retrain(params string[] args) =>
        RetrainCommand.RunAsync([.. args, "--redis", $"127.0.0.1:{redis.Port}", "--report", _temp.File("report")], _output, _error, CancellationToken.None);

    [Fact]
    public async Task RetrainingOnTheShippedJudgmentsPublishesAModelWithItsReport()
    {
        var exit = await Retrain("--judgments", Judgments, "--publish");

        log.WriteLine(_output.ToString());
        Assert.True(exit == 0, _error.ToString() + _output.ToString());
        var registry = new ModelRegistry(redis.Connection);
        var current = await registry.CurrentAsync();
        Assert.NotEqual(_seed, current);
        Assert.StartsWith(_seed + "-m", current, StringComparison.Ordinal);
        var listed = (await registry.ListAsync()).Single(m => m.Version == current);
        Assert.True(listed.HasReranker);
        Assert.Equal(HeldOutSplit.Split(JudgmentSet.Read(Judgments).Queries).HeldOut.Count, listed.Card!.Scores!.HeldOutQueries);
        Assert.StartsWith("retrain --judgments", listed.Card.Command, StringComparison.Ordinal);
        Assert.Contains("published (now current)", _output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_temp.File("report"), RetrainReport.ChartFile)));
        Assert.Contains("## By service area", await File.ReadAllTextAsync(Path.Combine(_temp.File("report"), RetrainReport.MarkdownFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelTrainedOnUpsideDownGradesIsRefusedUnlessForced()
    {
        var poisoned = await PoisonAsync();

        var exit = await Retrain("--judgments", poisoned, "--publish");
        log.WriteLine(_output.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("not published: the new model is worse", _error.ToString(), StringComparison.Ordinal);
        var registry = new ModelRegistry(redis.Connection);
        Assert.Equal(_seed, await registry.CurrentAsync());
        var stored = (await registry.ListAsync()).Single(m => m.Version != _seed);
        Assert.True(stored.Card!.Scores!.Ndcg10 < stored.Card.Scores.ComparedNdcg10);
        Assert.True(stored.Card.Scores.Ndcg10PValue < Retrainer.WorseSignificance || stored.Card.Scores.Recall100PValue < Retrainer.WorseSignificance, _output.ToString());

        Assert.Equal(0, await Retrain("--judgments", poisoned, "--publish", "--force"));
        Assert.Equal(stored.Version, await registry.CurrentAsync());
    }

    /// <summary>
    /// A deliberately worse model: the shipped set with every training query's labels turned upside
    /// down over the whole catalogue (a judged practice gets 2 minus its grade, every unjudged one 2),
    /// so the model learns that the practices a query does not match are the best; held-out queries
    /// keep their true grades, against which it is compared.
    /// </summary>
    private async Task<string> PoisonAsync()
    {
        var folder = _temp.File("poisoned");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Judgments, JudgmentSet.QueriesFile), Path.Combine(folder, JudgmentSet.QueriesFile));
        var shipped = JudgmentSet.Read(Judgments);
        var heldOut = HeldOutSplit.Split(shipped.Queries).HeldOut.Select(q => q.Id).ToHashSet();
        var lines = new List<string> { "query-id\tcorpus-id\tscore" };
        foreach (var query in shipped.Queries)
        {
            var judged = shipped.Qrels.For(query.Id);
            lines.AddRange(heldOut.Contains(query.Id)
                ? judged.Select(j => $"{query.Id}\t{j.Key}\t{j.Value}")
                : SeedData.Practices.Select(p => $"{query.Id}\t{p.Id}\t{(judged.TryGetValue(p.Id, out var grade) ? 2 - grade : 2)}"));
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, JudgmentSet.QrelsFile), lines);
        return folder;
    }
}
