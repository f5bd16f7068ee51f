using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Models;
using Recommend.Ingest.Training;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Text.Semantic;
using Spectre.Console;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// retrain: refits the text pipeline on the whole catalogue, learns a LambdaRank reranker from
/// judgments (and feedback), compares it with the current version on held-out queries, writes a
/// report, and with --publish makes it current only when it is not worse (unless --force).
/// </summary>
public static class RetrainCommand
{
    public const string Name = "retrain";

    public static Command Create()
    {
        var judgmentsFolder = new Option<string>("--judgments")
        {
            HelpName = "DIR",
            Description = "folder with queries.jsonl and qrels.tsv (format in the README) [default: our shipped set, judgments/ beside the program]",
        };
        var feedback = CliOptions.Switch("--feedback", "also learn from the feedback event log in Redis, question by question (de-duplicated, capped per client, position-bias corrected)");
        var publish = CliOptions.Switch("--publish", "make the new version current when it is not worse than the current one");
        var force = CliOptions.Switch("--force", "with --publish: publish even when it is worse");
        var reportFolder = new Option<string>("--report") { HelpName = "DIR", Description = "where report.md and the chart go [default: ./reports/VERSION]" };
        var catalogueFolder = new Option<string>("--catalogue")
        {
            HelpName = "DIR",
            Description = "catalogue to refit on when Redis holds none [default: the shipped seed catalogue, catalogue/practices/ beside the program]",
        };
        var keep = CliOptions.Whole("--keep", "N", ModelRegistry.DefaultKeep, 1, 10_000, "whole versions (bases) kept when pruning after storing, newest first (never the current one or the rollback target, nor what they stand on)");
        var redis = RedisCli.CreateOption("the running app's Redis; without it nothing is stored");
        var command = new Command(Name, "Refit the text pipeline, learn a LightGbm LambdaRank reranker from judgments, compare with the current version on held-out queries, report, and publish when not worse. Exit 1 when refused.")
        {
            judgmentsFolder, feedback, publish, force, reportFolder, catalogueFolder, keep, redis,
        };
        return command.WithAction(async (parseResult, output, error, cancellationToken) =>
        {
            var options = new RetrainOptions(
                parseResult.GetValue(judgmentsFolder) ?? JudgmentSet.DefaultFolder,
                parseResult.GetValue(catalogueFolder) ?? SeedCatalogue.DefaultFolder,
                parseResult.GetValue(reportFolder),
                parseResult.GetValue(feedback),
                parseResult.GetValue(publish),
                parseResult.GetValue(force),
                parseResult.GetValue(keep),
                CommandLine(parseResult, leaveOut: redis));
            if (options.Force && !options.Publish)
            {
                return CliUsage.Fail(parseResult, error, "--force only applies with --publish.");
            }

            var connection = RedisCli.Resolve(parseResult, redis, out var problem);
            if (problem is not null)
            {
                return CliUsage.Fail(parseResult, error, problem);
            }

            if ((options.Publish || options.UseFeedback) && connection is null)
            {
                return CliUsage.Fail(parseResult, error, $"{(options.Publish ? "--publish" : "--feedback")} needs the app's Redis: pass --redis host:port or set {RedisCli.ConnectionVariable}.");
            }

            // Checked here rather than while parsing so the defaults are checked too.
            var missing = new[] { JudgmentSet.QueriesFile, JudgmentSet.QrelsFile }.Where(f => !File.Exists(Path.Combine(options.JudgmentsFolder, f))).ToList();
            if (missing.Count > 0)
            {
                return CliUsage.Fail(parseResult, error, $"--judgments: '{Path.GetFullPath(options.JudgmentsFolder)}' has no {string.Join(" or ", missing)}.");
            }

            if (!Directory.Exists(options.CatalogueFolder))
            {
                return CliUsage.Fail(parseResult, error, $"--catalogue: folder '{Path.GetFullPath(options.CatalogueFolder)}' does not exist.");
            }

            return await RunAsync(parseResult, options, connection, output, error, cancellationToken);
        });
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    /// <summary>"retrain --judgments DIR --publish": what was asked, for the version's card; the Redis connection string stays out (it may hold a password).</summary>
    private static string CommandLine(ParseResult parseResult, Option leaveOut) =>
        string.Join(' ', parseResult.CommandResult.Children
            .OfType<OptionResult>()
            .Where(o => !o.Implicit && o.Option != leaveOut)
            .SelectMany(o => o.Tokens.Select(t => t.Value).Prepend(o.IdentifierToken?.Value ?? o.Option.Name))
            .Prepend(Name));

    private static async Task<int> RunAsync(ParseResult parseResult, RetrainOptions options, ConfigurationOptions? connection, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (judgmentsFolder, reportFolder, publish) = (options.JudgmentsFolder, options.ReportFolder, options.Publish);
        JudgmentSet judgments;
        try
        {
            judgments = JudgmentSet.Read(judgmentsFolder);
        }
        catch (DataFormatException ex)
        {
            await error.WriteLineAsync($"retrain: malformed judgments: {ex.Message}");
            return 1;
        }

        await using var redis = connection is null ? null : await RedisCli.ConnectOrReportAsync(parseResult, connection, error);
        if (connection is not null && redis is null)
        {
            return CliUsage.ExitCode;
        }

        var councils = await LoadCouncilsAsync(redis?.GetDatabase());
        using var embedder = new MiniLmEmbedder();

        RetrainResult result;
        try
        {
            result = await WithProgressAsync(error, progress => new Retrainer(redis, embedder, councils, progress).RunAsync(options, judgments, cancellationToken));
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"retrain: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await error.WriteLineAsync($"retrain: Redis failed: {ex.Message}. {RedisCli.Hint}");
            return 2;
        }

        var folder = reportFolder ?? Path.Combine(Directory.GetCurrentDirectory(), "reports", result.Version);
        var report = await RetrainReport.WriteAsync(result, options, folder, cancellationToken);
        await PrintAsync(output, result, report);
        if (publish && !result.Published)
        {
            await error.WriteLineAsync($"retrain: not published: the new model is worse than {result.ComparedWith} on the held-out queries (see the report); --force publishes it anyway.");
            return 1;
        }

        return 0;
    }

    private static async Task PrintAsync(TextWriter output, RetrainResult result, string report)
    {
        static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"retrained {result.Version} on {result.Practices} practices in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        await output.WriteLineAsync($"  held-out queries: {result.New.Queries.Count} (trained on {result.TrainQueries})");
        await output.WriteLineAsync($"  new      nDCG@10 {F(result.New.MeanNdcg10)}  R@100 {F(result.New.MeanRecall100)}");
        await output.WriteLineAsync($"  {result.ComparedWith}: nDCG@10 {F(result.Current.MeanNdcg10)}  R@100 {F(result.Current.MeanRecall100)}");
        if (result.FeedbackNew is { Queries.Count: > 0 } feedbackNew && result.FeedbackCurrent is { } feedbackCurrent)
        {
            await output.WriteLineAsync($"  held-out queries from feedback: {feedbackNew.Queries.Count}: new nDCG@10 {F(feedbackNew.MeanNdcg10)}, compared {F(feedbackCurrent.MeanNdcg10)}");
        }

        await output.WriteLineAsync($"  paired randomisation test, p(new is worse): nDCG@10 {result.Ndcg10PValue.ToString("0.000", CultureInfo.InvariantCulture)}  R@100 {result.Recall100PValue.ToString("0.000", CultureInfo.InvariantCulture)}{(result.FeedbackNew is { Queries.Count: > 0 } ? $"  feedback nDCG@10 {result.FeedbackNdcg10PValue.ToString("0.000", CultureInfo.InvariantCulture)}" : "")} (worse below {Retrainer.WorseSignificance.ToString(CultureInfo.InvariantCulture)})");
        await output.WriteLineAsync($"  verdict: {(result.NotWorse ? "not worse" : "worse")}; {(result.Published ? "published (now current)" : result.Stored ? "stored, not published" : "not stored")}");
        if (result.Pruned.Count > 0)
        {
            await output.WriteLineAsync($"  pruned: {string.Join(", ", result.Pruned)}");
        }

        await output.WriteLineAsync($"report: {report}");
    }

    /// <summary>Councils the judged queries may name: the running app's list when there is one, else as an evaluation loads them (<see cref="EvaluationCouncils"/>).</summary>
    private static async Task<IReadOnlyList<CouncilProfile>> LoadCouncilsAsync(IDatabase? db)
    {
        if (db is not null)
        {
            var stored = await db.HashGetAllAsync(StoreKeys.Councils);
            if (stored.Length > 0)
            {
                return [.. stored.Select(e => CouncilJson.Deserialise((string)e.Value!))];
            }
        }

        return EvaluationCouncils.Load().Councils;
    }

    /// <summary>Progress bars on stderr at a terminal; one line per step when redirected (logs, tests).</summary>
    private static async Task<T> WithProgressAsync<T>(TextWriter error, Func<ITrainingProgress, Task<T>> run)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            return await run(new LineProgress(error));
        }

        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => await run(new BarProgress(context, console)));
    }

    private sealed class BarProgress(ProgressContext context, IAnsiConsole console) : ITrainingProgress
    {
        private ProgressTask? _last;

        public Action<int> Start(string step, int total)
        {
            _last?.StopTask();
            var task = context.AddTask(Markup.Escape(step), maxValue: Math.Max(1, total));
            _last = task;
            return done => task.Increment(done);
        }

        public void Note(string line) => console.MarkupLine(Markup.Escape(line));
    }

    private sealed class LineProgress(TextWriter error) : ITrainingProgress
    {
        public Action<int> Start(string step, int total)
        {
            error.WriteLine($"{step} ({total:N0})");
            return _ => { };
        }

        public void Note(string line) => error.WriteLine(line);
    }
}
