extern alias IngestApp;

using System.Text.Json;
using IngestApp::Recommend.Ingest.Cli;

namespace Recommend.Tests.Cli;

/// <summary>
/// Runs <c>eval</c> in-process on a five-document BEIR fixture written for these tests. The tests in
/// this class redirect the console, so they run one at a time (xunit runs a class sequentially).
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Cli", "Fixtures", "tiny-beir");
    private readonly string _scratch = Directory.CreateTempSubdirectory("eval-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task EvaluatesJudgedQueriesAndEndsWithJson()
    {
        var runFile = Path.Combine(_scratch, "lexical.run");

        var (exit, stdout, stderr) = await Eval(FixtureArgs("--run", runFile));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(LastLine(stdout));
        var result = json.RootElement;
        // q1 and q2 find their one relevant document first (1.0 each). q3 ranks d5 (judged 1) above
        // d1 (judged 2): (1 + 2/log2 3) / (2 + 1/log2 3) = 0.85972. Mean over the 3 judged queries.
        Assert.Equal(0.9532, result.GetProperty("ndcg@10").GetDouble(), 4);
        Assert.Equal(1.0, result.GetProperty("recall@100").GetDouble(), 4);
        Assert.Equal(3, result.GetProperty("queries").GetInt32());
        Assert.Equal("lexical", result.GetProperty("mode").GetString());
        Assert.Contains("ranked 3/3 queries", stderr, StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(runFile);
        Assert.Equal("q3 Q0 d5 1", string.Join(' ', lines.First(l => l.StartsWith("q3 ", StringComparison.Ordinal)).Split(' ')[..4]));
        Assert.All(lines, l => Assert.Equal(6, l.Split(' ').Length));
        Assert.DoesNotContain(lines, l => l.StartsWith("q4 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrossValidationReportsEveryFold()
    {
        var (exit, stdout, stderr) = await Eval(FixtureArgs("--folds", "3", "--fast-index"));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(LastLine(stdout));
        Assert.Equal(3, json.RootElement.GetProperty("per_fold").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("queries").GetInt32());
    }

    [Fact]
    public async Task HybridModeEmbedsTheCorpusOnceAndReusesTheCache()
    {
        var cache = Path.Combine(_scratch, "embeddings");

        var first = await Eval(FixtureArgs("--mode", "hybrid", "--cache", cache));
        var second = await Eval(FixtureArgs("--mode", "hybrid", "--cache", cache));

        Assert.True(first.Exit == 0, first.Stderr);
        Assert.Contains("cached document embeddings in", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("loaded 5 cached document embeddings", second.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(cache));
        using var before = JsonDocument.Parse(LastLine(first.Stdout));
        using var json = JsonDocument.Parse(LastLine(second.Stdout));
        Assert.Equal("hybrid", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(before.RootElement.GetProperty("ndcg@10").GetDouble(), json.RootElement.GetProperty("ndcg@10").GetDouble());
        Assert.InRange(json.RootElement.GetProperty("ndcg@10").GetDouble(), 0.8, 1.0);
    }

    [Theory]
    [InlineData("--queries")]
    [InlineData("--colour", "blue")]
    [InlineData("--mode", "telepathy")]
    [InlineData("--k1", "lots")]
    [InlineData("--b", "1.5")]
    [InlineData("--folds", "1")]
    [InlineData("stray")]
    public async Task BadArgumentsExitWithCodeTwo(params string[] extra)
    {
        var args = FixtureArgs().ToList();
        if (extra[0] == "--queries")
        {
            var at = args.IndexOf("--queries");
            args.RemoveRange(at, 2);
        }
        else
        {
            args.AddRange(extra);
        }

        var (exit, stdout, stderr) = await Eval([.. args]);

        Assert.Equal(2, exit);
        Assert.Contains("usage: eval", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task AMissingFileExitsWithCodeTwoNamingIt()
    {
        var missing = Path.Combine(_scratch, "nope.jsonl");

        var (exit, _, stderr) = await Eval(["--corpus", missing, "--queries", Path.Combine(Fixture, "queries.jsonl"), "--qrels", Path.Combine(Fixture, "qrels.tsv")]);

        Assert.Equal(2, exit);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedQrelsExitWithCodeOneNamingTheLine()
    {
        var qrels = Path.Combine(_scratch, "qrels.tsv");
        await File.WriteAllTextAsync(qrels, "query-id\tcorpus-id\tscore\nq1\td2\t1\nq2 d4 1\n");

        var (exit, _, stderr) = await Eval(["--corpus", Path.Combine(Fixture, "corpus.jsonl"), "--queries", Path.Combine(Fixture, "queries.jsonl"), "--qrels", qrels]);

        Assert.Equal(1, exit);
        Assert.Contains("qrels.tsv:3:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCorpusExitsWithCodeOneNamingTheLine()
    {
        var corpus = Path.Combine(_scratch, "corpus.jsonl");
        await File.WriteAllTextAsync(corpus, "{\"_id\": \"d1\", \"text\": \"fine\"}\n{\"_id\": \"d2\", \"text\": \n");

        var (exit, _, stderr) = await Eval(["--corpus", corpus, "--queries", Path.Combine(Fixture, "queries.jsonl"), "--qrels", Path.Combine(Fixture, "qrels.tsv")]);

        Assert.Equal(1, exit);
        Assert.Contains("corpus.jsonl:2:", stderr, StringComparison.Ordinal);
    }

    private static string[] FixtureArgs(params string[] extra) =>
    [
        "--corpus", Path.Combine(Fixture, "corpus.jsonl"),
        "--queries", Path.Combine(Fixture, "queries.jsonl"),
        "--qrels", Path.Combine(Fixture, "qrels.tsv"),
        .. extra,
    ];

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1];

    private static async Task<(int Exit, string Stdout, string Stderr)> Eval(string[] args)
    {
        Assert.True(IngestCli.TryGetCommand("eval", out var command));
        var originalOut = Console.Out;
        var originalError = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(stdout));
        Console.SetError(TextWriter.Synchronized(stderr));
        try
        {
            var exit = await IngestCli.RunAsync(command, args);
            return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
