using System.Text.Json;
using System.Text.Json.Nodes;
using Recommend.Ingest.Cli;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Hybrid;

namespace Recommend.Ingest.Tests.Cli;

/// <summary>Runs <c>eval</c> in-process, parsed as the program parses it, on a five-document BEIR fixture written for these tests.</summary>
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
    public async Task WithoutTuningFlagsItMeasuresTheRecommendersOwnSettings()
    {
        var (exit, stdout, stderr) = await Eval(FixtureArgs());

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(LastLine(stdout));
        Assert.Equal("stem=on ngrams=1 k1=1.2 b=0.75 title=3 body=1", json.RootElement.GetProperty("settings").GetString());
    }

    [Fact]
    public async Task StemFalseTurnsStemmingOff()
    {
        var (exit, stdout, stderr) = await Eval(FixtureArgs("--stem", "false"));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(LastLine(stdout));
        Assert.StartsWith("stem=off ", json.RootElement.GetProperty("settings").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lexical", "--dense-weight", "0.3")]
    [InlineData("lexical", "--cache", "/tmp")]
    [InlineData("semantic", "--k1", "1.5")]
    [InlineData("semantic", "--stem", "true")]
    public async Task AFlagTheModeIgnoresExitsWithCodeTwo(string mode, string flag, string value)
    {
        var (exit, stdout, stderr) = await Eval(FixtureArgs("--mode", mode, flag, value));

        Assert.Equal(2, exit);
        Assert.Contains($"{flag} does not apply to --mode {mode}", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--k1 <X>", "lexical, hybrid: BM25 term-frequency saturation [default: 1.2]")]
    [InlineData("--b <X>", "lexical, hybrid: BM25 length normalisation [default: 0.75]")]
    [InlineData("--title-weight <W>", "lexical, hybrid: a title word counts as W body words [default: 3]")]
    [InlineData("--per-field <true|false>", "lexical, hybrid: normalise each field by its own length [default: false]")]
    [InlineData("--stem <true|false>", "lexical, hybrid: Porter stemming [default: true]")]
    [InlineData("--keep-stopwords <true|false>", "lexical, hybrid: keep English stop words [default: false]")]
    [InlineData("--fusion <minmax|rrf>", "hybrid: how the two sides are combined [default: minmax]")]
    [InlineData("--dense-weight <W>", "hybrid: share of the semantic side [default: 0.5]")]
    [InlineData("--cache <DIR>", "semantic, hybrid, usefulness: where document embeddings are kept between runs [default: ")]
    [InlineData("--mode <lexical|semantic|hybrid|usefulness>", "what ranks: BM25, MiniLM embeddings, or both fused, on a BEIR set; or, usefulness, the served recommendations on graded council challenges [default: lexical]")]
    [InlineData("--judgments <DIR>", "usefulness: graded challenges: queries.jsonl and qrels.tsv, grades 0-2 [default: our shipped set")]
    [InlineData("--calibrate <FILE>", "usefulness: refit the relevance floor on the training split")]
    public async Task HelpShowsEachOptionsModesAndDefault(string option, string description)
    {
        var (exit, stdout, stderr) = await Run(["eval", "--help"]);

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout.Split('\n'), l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.Contains(description, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpDefaultsAreTheSettingsTheRecommenderServes()
    {
        var (_, stdout, _) = await Run(["help", "eval"]);

        static string Invariant(float value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expected = new Dictionary<string, string>
        {
            ["--k1"] = Invariant(TextTuning.Bm25.K1),
            ["--b"] = Invariant(TextTuning.Bm25.B),
            ["--title-weight"] = Invariant(TextTuning.Bm25.TitleWeight),
            ["--body-weight"] = Invariant(TextTuning.Bm25.BodyWeight),
            ["--per-field"] = TextTuning.Bm25.PerFieldLength ? "true" : "false",
            ["--stem"] = TextTuning.Analyzer.Stem ? "true" : "false",
            ["--keep-stopwords"] = TextTuning.Analyzer.RemoveStopWords ? "false" : "true",
            ["--ngrams"] = TextTuning.Analyzer.NgramLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["--fusion"] = TextTuning.Fusion.Method == FusionMethod.ReciprocalRank ? "rrf" : "minmax",
            ["--dense-weight"] = Invariant(TextTuning.Fusion.DenseWeight),
            ["--rrf-k"] = TextTuning.Fusion.RrfK.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["--depth"] = TextTuning.Fusion.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (option, value) in expected)
        {
            var line = Assert.Single(stdout.Split('\n'), l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
            Assert.EndsWith($"[default: {value}]", line.TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownOptionExitsWithCodeTwoNamingItAndTheUsage()
    {
        var (exit, stdout, stderr) = await Eval(FixtureArgs("--stemming", "false"));

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var lines = stderr.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal("eval: Unrecognized command or argument '--stemming'.", lines[0]);
        Assert.Equal("usage: eval [options]", lines[^2]);
        Assert.Contains("'eval --help'", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithFoldsTheRunFileScoresWhatTheJsonReports()
    {
        var runFile = Path.Combine(_scratch, "folds.run");

        var (exit, stdout, stderr) = await Eval(FixtureArgs("--folds", "3", "--fast-index", "--run", runFile));

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(LastLine(stdout));
        var run = (await File.ReadAllLinesAsync(runFile))
            .Select(l => l.Split(' '))
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RankedDocument>)[.. g.Select(f => new RankedDocument(f[2], double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)))]);
        var fromRun = EvaluationReport.Of(run, BeirReader.ReadQrels(Path.Combine(Fixture, "qrels.tsv")));
        Assert.Equal(json.RootElement.GetProperty("ndcg@10").GetDouble(), Math.Round(fromRun.MeanNdcg10, 4), 4);
    }

    [Theory]
    [InlineData("--corpus")]
    [InlineData("--qrels")]
    public async Task ABeirModeWithoutItsFilesExitsWithCodeTwoNamingTheMissingOne(string left)
    {
        var args = FixtureArgs().ToList();
        var at = args.IndexOf(left);
        args.RemoveRange(at, 2);

        var (exit, stdout, stderr) = await Eval([.. args]);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains($"--mode lexical needs {left}.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--corpus")]
    [InlineData("--folds")]
    public async Task TheUsefulnessModeRefusesTheBeirOptions(string option)
    {
        var value = option == "--folds" ? "3" : Path.Combine(Fixture, "corpus.jsonl");

        var (exit, stdout, stderr) = await Run(["eval", "--mode", "usefulness", option, value]);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains($"{option} does not apply to --mode usefulness", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUsefulnessModeNamesACouncilFileItCannotReadAndExitsOne()
    {
        var councils = Path.Combine(_scratch, "not-councils.csv");
        await File.WriteAllTextAsync(councils, "a,b\n1,2\n");

        var (exit, stdout, stderr) = await Run(["eval", "--mode", "usefulness", "--councils", councils]);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith($"eval: malformed data: --councils {councils}: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUsefulnessModeWritesEveryServedAnswerWithItsGrades()
    {
        // A small catalogue (the shipped waste practices' first 15) and three graded waste challenges,
        // one need each: the split holds one of the three needs out, so both splits are written.
        var catalogue = Directory.CreateDirectory(Path.Combine(_scratch, "catalogue")).FullName;
        var waste = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Contracts.Practices.SeedCatalogue.DefaultFolder, "waste.json")))!.AsArray();
        await File.WriteAllTextAsync(Path.Combine(catalogue, "waste.json"), new JsonArray([.. waste.Take(15).Select(p => p!.DeepClone())]).ToJsonString());
        var judgments = Directory.CreateDirectory(Path.Combine(_scratch, "judgments")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(judgments, "queries.jsonl"),
        [
            """{"id": "food-1", "need": "food-waste", "challenge": "Too much food ends up in the rubbish bin.", "priorities": ["waste"]}""",
            """{"id": "tips-1", "need": "tip-queues", "challenge": "Queues at the household recycling centre block the road at weekends.", "priorities": ["waste"]}""",
            """{"id": "flats-1", "need": "flats-recycling", "challenge": "Residents of tower blocks hardly recycle at all.", "priorities": ["waste"]}""",
        ]);
        await File.WriteAllTextAsync(Path.Combine(judgments, "qrels.tsv"),
            "query-id\tcorpus-id\tscore\nfood-1\tstroud-weekly-food-fortnightly-residual\t2\nfood-1\tglow-in-dark-eyes-dog-fouling-posters\t0\n"
            + "tips-1\trecycling-centre-booking-systems\t2\nflats-1\tflats-recycling-package-london\t2\n");
        var answers = Path.Combine(_scratch, "answers.jsonl");

        var (exit, stdout, stderr) = await Run(["eval", "--mode", "usefulness", "--catalogue", catalogue, "--judgments", judgments,
            "--cache", Path.Combine(_scratch, "cache"), "--answers", answers]);

        Assert.True(exit == 0, stderr);
        Assert.Contains("wrote 3 served answer(s)", stderr, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync(answers)).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["flats-1", "food-1", "tips-1"], lines.Select(l => (string)l["query_id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(["held_out", "train", "train"], lines.Select(l => (string)l["split"]!).Order(StringComparer.Ordinal));
        var food = lines.Single(l => (string)l["query_id"]! == "food-1");
        Assert.Equal("Too much food ends up in the rubbish bin.", (string)food["challenge"]!);
        var shown = food["results"]!.AsArray().Concat(food["related"]!.AsArray()).Select(r => r!).ToList();
        Assert.InRange(food["results"]!.AsArray().Count, 0, 5);
        // Every shown practice carries its grade as judged, null when no one graded it for this challenge.
        Assert.All(shown, r => Assert.Equal(
            (string)r["id"]! switch { "stroud-weekly-food-fortnightly-residual" => 2, "glow-in-dark-eyes-dog-fouling-posters" => 0, _ => (int?)null },
            (int?)r["grade"]));
        Assert.Contains(shown, r => (string)r["id"]! == "stroud-weekly-food-fortnightly-residual" && (double)r["relevance"]! > 0);
        using var summary = JsonDocument.Parse(LastLine(stdout));
        Assert.Equal(15, summary.RootElement.GetProperty("practices").GetInt32());
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

    private static Task<(int Exit, string Stdout, string Stderr)> Eval(string[] args) => Run([EvalCommand.Name, .. args]);

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        // Synchronized: ranking reports progress from parallel workers.
        var exit = await IngestCli.RunAsync(args, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), CancellationToken.None);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }
}
