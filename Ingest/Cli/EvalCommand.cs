using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Recommend.Core.Evaluation;
using Recommend.Core.Text;
using Recommend.Core.Text.Analysis;
using Recommend.Core.Text.Hybrid;
using Recommend.Core.Text.Lexical;
using Recommend.Ingest.Cli.Eval;

namespace Recommend.Ingest.Cli;

/// <summary>
/// <c>eval</c>: indexes a BEIR corpus, ranks every judged query and reports trec_eval-exact
/// nDCG@10 and Recall@100 as a table, then one JSON object as the last stdout line for scripts.
/// With <c>--folds N</c> it tunes by N-fold cross-validation and reports every held-out fold.
/// Progress goes to stderr so stdout stays machine-readable.
/// </summary>
public static class EvalCommand
{
    private const int RunDepth = TrecRunWriter.Depth;

    public static CliCommand Command { get; } = new(
        "eval",
        "Rank BEIR queries and report nDCG@10 and Recall@100 (trec_eval semantics).",
        "eval --corpus FILE --queries FILE --qrels FILE [--mode " + string.Join('|', EvalModes.Names) + "] [--run FILE] [--tag NAME] " +
        "[--k1 X] [--b Y] [--title-weight W] [--body-weight W] [--per-field] [--stem] [--ngrams N] [--keep-stopwords] [--fast-index] " +
        "[--fusion minmax|rrf] [--dense-weight W] [--rrf-k K] [--depth N] [--folds N] [--cache DIR]",
        RunAsync);

    private static async Task<int> RunAsync(string[] rawArgs, CancellationToken cancellationToken)
    {
        var args = new CliArguments(rawArgs);
        if (args.Positional.Count > 0)
        {
            throw new CliUsageException($"Unexpected argument '{args.Positional[0]}'.");
        }

        var corpusPath = args.ExistingFile("corpus");
        var queriesPath = args.ExistingFile("queries");
        var qrelsPath = args.ExistingFile("qrels");
        var modeName = args.Optional("mode") ?? "lexical";
        if (!EvalModes.TryGet(modeName, out var mode))
        {
            throw new CliUsageException($"--mode must be one of {string.Join(", ", EvalModes.Names)} (was '{modeName}').");
        }

        var runPath = args.Optional("run");
        if (runPath is not null && Path.GetDirectoryName(Path.GetFullPath(runPath)) is { } runFolder && !Directory.Exists(runFolder))
        {
            throw new CliUsageException($"--run: folder '{runFolder}' does not exist.");
        }

        var tag = args.Optional("tag") ?? $"recommend-{modeName}";
        if (tag.Any(char.IsWhiteSpace))
        {
            throw new CliUsageException("--tag must not contain spaces (it is one field of the run file).");
        }

        var bm25 = new Bm25Parameters(
            (float)args.Double("k1", Bm25Parameters.Default.K1, 0, 100),
            (float)args.Double("b", Bm25Parameters.Default.B, 0, 1),
            (float)args.Double("title-weight", 1, 0, 100),
            (float)args.Double("body-weight", 1, 0, 100),
            args.Flag("per-field"));
        if (bm25.TitleWeight + bm25.BodyWeight == 0)
        {
            throw new CliUsageException("--title-weight and --body-weight cannot both be 0.");
        }

        var analyzer = new AnalyzerOptions(RemoveStopWords: !args.Flag("keep-stopwords"), Stem: args.Flag("stem"), NgramLength: args.Int("ngrams", 1, 1, 3));
        var folds = args.Int("folds", 0, 0, 20);
        if (folds == 1)
        {
            throw new CliUsageException("--folds must be 0 (no tuning) or at least 2.");
        }

        var cache = args.Optional("cache") ?? Path.Combine(Path.GetTempPath(), "recommend-embeddings");
        var fusionName = args.Optional("fusion") ?? "minmax";
        var fusion = new FusionSettings(
            fusionName switch
            {
                "minmax" => FusionMethod.WeightedMinMax,
                "rrf" => FusionMethod.ReciprocalRank,
                _ => throw new CliUsageException($"--fusion must be minmax or rrf (was '{fusionName}')."),
            },
            (float)args.Double("dense-weight", FusionSettings.Default.DenseWeight, 0, 1),
            args.Int("rrf-k", FusionSettings.Default.RrfK, 1, 10_000),
            args.Int("depth", FusionSettings.Default.Depth, 10, 10_000));
        var settings = new EvalSettings(analyzer, bm25, UseMlNet: !args.Flag("fast-index"), cache, fusion);
        args.RejectUnknown();

        List<TextDocument> corpus;
        List<BeirQuery> judgedQueries;
        Qrels qrels;
        try
        {
            corpus = BeirReader.ReadCorpus(corpusPath);
            var queries = BeirReader.ReadQueries(queriesPath);
            qrels = BeirReader.ReadQrels(qrelsPath);
            var byId = queries.ToDictionary(q => q.Id, StringComparer.Ordinal);
            judgedQueries = qrels.QueryIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            var missing = qrels.QueryCount - judgedQueries.Count;
            if (missing > 0)
            {
                await Console.Error.WriteLineAsync($"warning: {missing} judged quer{(missing == 1 ? "y has" : "ies have")} no text in {queriesPath}; they score 0.");
            }
        }
        catch (DataFormatException ex)
        {
            await Console.Error.WriteLineAsync($"eval: malformed data: {ex.Message}");
            return 1;
        }

        if (corpus.Count == 0)
        {
            await Console.Error.WriteLineAsync($"eval: malformed data: {corpusPath} holds no documents.");
            return 1;
        }

        await Console.Error.WriteLineAsync($"{corpus.Count:N0} documents, {judgedQueries.Count:N0} judged queries, mode {mode.Name}");
        mode.PrepareQueries(judgedQueries.Select(q => q.Text).ToArray(), Console.Error);
        return folds == 0
            ? await EvaluateOnce(mode, corpus, judgedQueries, qrels, settings, runPath, tag, cancellationToken)
            : await EvaluateCrossValidated(mode, corpus, judgedQueries, qrels, settings, folds, runPath, tag, cancellationToken);
    }

    private static async Task<int> EvaluateOnce(IEvalMode mode, List<TextDocument> corpus, List<BeirQuery> queries, Qrels qrels, EvalSettings settings, string? runPath, string tag, CancellationToken cancellationToken)
    {
        var retriever = mode.Build(corpus, settings, Console.Error);
        var clock = Stopwatch.StartNew();
        var run = RankAll(retriever, queries, Console.Error, cancellationToken);
        var perQueryMs = clock.Elapsed.TotalMilliseconds / Math.Max(1, queries.Count);
        var report = EvaluationReport.Of(run, qrels);
        await WriteRun(runPath, run, tag, cancellationToken);

        var description = Describe(mode, settings);
        Console.WriteLine($"{"mode",-8}  {"queries",7}  {"nDCG@10",7}  {"R@100",6}  {"ms/query",8}  settings");
        Console.WriteLine($"{mode.Name,-8}  {report.Queries.Count,7}  {report.MeanNdcg10,7:0.0000}  {report.MeanRecall100,6:0.0000}  {perQueryMs,8:0.000}  {description}");
        Console.WriteLine(Json(writer =>
        {
            writer.WriteString("mode", mode.Name);
            writer.WriteNumber("queries", report.Queries.Count);
            writer.WriteNumber("ndcg@10", Math.Round(report.MeanNdcg10, 4));
            writer.WriteNumber("recall@100", Math.Round(report.MeanRecall100, 4));
            writer.WriteNumber("documents", corpus.Count);
            writer.WriteNumber("ms_per_query", Math.Round(perQueryMs, 3));
            writer.WriteString("settings", description);
        }));
        return 0;
    }

    private static async Task<int> EvaluateCrossValidated(IEvalMode mode, List<TextDocument> corpus, List<BeirQuery> queries, Qrels qrels, EvalSettings settings, int folds, string? runPath, string tag, CancellationToken cancellationToken)
    {
        var candidates = mode.Candidates(corpus, settings, Console.Error);
        var evaluated = new List<(string Label, EvaluationReport Report)>(candidates.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < candidates.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = RankAll(candidates[i].Activate(), queries, TextWriter.Null, cancellationToken);
            evaluated.Add((candidates[i].Label, EvaluationReport.Of(run, qrels)));
            if ((i + 1) % 20 == 0 || i + 1 == candidates.Count)
            {
                await Console.Error.WriteLineAsync($"tuning: {i + 1}/{candidates.Count} configurations evaluated ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        var splits = CrossValidation.Folds(qrels.QueryIds, folds);
        var tuning = CrossValidatedTuning.Run(evaluated, splits);
        var baseline = evaluated[0];

        Console.WriteLine($"{folds}-fold cross-validation, mode {mode.Name}: each fold is scored with the configuration that did best on the other folds");
        Console.WriteLine($"{"fold",4}  {"queries",7}  {"train nDCG@10",13}  {"held-out nDCG@10",16}  {"held-out R@100",14}  chosen");
        foreach (var fold in tuning.Folds)
        {
            Console.WriteLine($"{fold.Fold,4}  {fold.Queries,7}  {fold.TrainNdcg10,13:0.0000}  {fold.HeldOutNdcg10,16:0.0000}  {fold.HeldOutRecall100,14:0.0000}  {fold.Chosen}");
        }

        Console.WriteLine($"{"all",4}  {tuning.HeldOut.Queries.Count,7}  {"",13}  {tuning.HeldOut.MeanNdcg10,16:0.0000}  {tuning.HeldOut.MeanRecall100,14:0.0000}  (held-out folds together)");
        Console.WriteLine($"untuned ({baseline.Label}): nDCG@10 {baseline.Report.MeanNdcg10:0.0000}, R@100 {baseline.Report.MeanRecall100:0.0000}");
        Console.WriteLine($"best on all queries (optimistic, not held out): {tuning.BestOverall}: nDCG@10 {tuning.BestOverallReport.MeanNdcg10:0.0000}, R@100 {tuning.BestOverallReport.MeanRecall100:0.0000}");

        if (runPath is not null)
        {
            var best = candidates.First(c => c.Label == tuning.BestOverall);
            await WriteRun(runPath, RankAll(best.Activate(), queries, TextWriter.Null, cancellationToken), tag, cancellationToken);
        }

        Console.WriteLine(Json(writer =>
        {
            writer.WriteString("mode", mode.Name);
            writer.WriteNumber("queries", tuning.HeldOut.Queries.Count);
            writer.WriteNumber("ndcg@10", Math.Round(tuning.HeldOut.MeanNdcg10, 4));
            writer.WriteNumber("recall@100", Math.Round(tuning.HeldOut.MeanRecall100, 4));
            writer.WriteNumber("folds", folds);
            writer.WriteNumber("configurations", candidates.Count);
            writer.WriteNumber("untuned_ndcg@10", Math.Round(baseline.Report.MeanNdcg10, 4));
            writer.WriteString("best_overall", tuning.BestOverall);
            writer.WriteStartArray("per_fold");
            foreach (var fold in tuning.Folds)
            {
                writer.WriteStartObject();
                writer.WriteNumber("fold", fold.Fold);
                writer.WriteNumber("queries", fold.Queries);
                writer.WriteNumber("ndcg@10", Math.Round(fold.HeldOutNdcg10, 4));
                writer.WriteNumber("recall@100", Math.Round(fold.HeldOutRecall100, 4));
                writer.WriteString("chosen", fold.Chosen);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }));
        return 0;
    }

    /// <summary>Top <see cref="RunDepth"/> for every query, searched in parallel (the retrievers allow concurrent searches).</summary>
    private static Dictionary<string, IReadOnlyList<RankedDocument>> RankAll(IRetriever retriever, List<BeirQuery> queries, TextWriter progress, CancellationToken cancellationToken)
    {
        var results = new IReadOnlyList<RankedDocument>[queries.Count];
        var done = 0;
        var step = Math.Max(1, queries.Count / 10);
        Parallel.For(0, queries.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var hits = retriever.Search(queries[i].Text, RunDepth);
            results[i] = hits.Select(h => new RankedDocument(retriever.IdOf(h.Doc), h.Score)).ToArray();
            var finished = Interlocked.Increment(ref done);
            if (finished % step == 0 || finished == queries.Count)
            {
                lock (progress)
                {
                    progress.WriteLine($"ranked {finished:N0}/{queries.Count:N0} queries");
                }
            }
        });

        var run = new Dictionary<string, IReadOnlyList<RankedDocument>>(StringComparer.Ordinal);
        for (var i = 0; i < queries.Count; i++)
        {
            run[queries[i].Id] = results[i];
        }

        return run;
    }

    private static async Task WriteRun(string? path, Dictionary<string, IReadOnlyList<RankedDocument>> run, string tag, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        foreach (var (queryId, ranking) in run.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            TrecRunWriter.Write(writer, queryId, ranking, tag, RunDepth);
        }

        await Console.Error.WriteLineAsync($"wrote run file {path}");
    }

    private static string Describe(IEvalMode mode, EvalSettings settings) => mode.Name switch
    {
        "lexical" => $"stem={(settings.Analyzer.Stem ? "on" : "off")} ngrams={settings.Analyzer.NgramLength} {settings.Bm25}",
        "semantic" => "all-MiniLM-L6-v2, title + text",
        _ => $"stem={(settings.Analyzer.Stem ? "on" : "off")} {settings.Bm25} | {settings.Fusion}",
    };

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps settings such as "title + text" readable; the line is for scripts and people.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
