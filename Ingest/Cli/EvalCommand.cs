using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Lexical;
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
    public const string Name = "eval";

    private const int RunDepth = TrecRunWriter.Depth;

    private const string Lexical = "lexical";
    private const string Semantic = "semantic";
    private const string Hybrid = "hybrid";
    private const string Usefulness = UsefulnessEvalRun.Name;

    private static readonly string[] BeirModes = [Lexical, Semantic, Hybrid];

    /// <summary>
    /// Every option, with the default it takes when not given: for the tuning options, the
    /// recommender's own settings (<see cref="TextTuning"/>), so eval without them measures what ships.
    /// </summary>
    private sealed class Options
    {
        public Option<string> Corpus { get; } = CliOptions.ExistingFile("--corpus", "BEIR corpus.jsonl (_id, title, text); required by lexical, semantic, hybrid", required: false);
        public Option<string> Queries { get; } = CliOptions.ExistingFile("--queries", "BEIR queries.jsonl (_id, text); required by lexical, semantic, hybrid", required: false);
        public Option<string> Qrels { get; } = CliOptions.ExistingFile("--qrels", "BEIR qrels .tsv (query-id, corpus-id, score); required by lexical, semantic, hybrid", required: false);
        public Option<string> Mode { get; } = CliOptions.OneOf("--mode", Lexical, [.. EvalModes.Names, Usefulness], "what ranks: BM25, MiniLM embeddings, or both fused, on a BEIR set; or, usefulness, the served recommendations on graded council challenges");

        public Option<string> Judgments { get; } = new("--judgments")
        {
            HelpName = "DIR",
            Description = "graded challenges: queries.jsonl and qrels.tsv, grades 0-2 [default: our shipped set, judgments/ beside the program]",
        };

        public Option<string> Catalogue { get; } = new("--catalogue")
        {
            HelpName = "DIR",
            Description = "the practices to serve [default: the shipped seed catalogue, catalogue/practices/ beside the program]",
        };

        public Option<string> Councils { get; } = CliOptions.ExistingFile("--councils", "councils the challenges name: mySociety's uk_local_authorities.csv or a councils JSON file [default: as the app loads them: ../shared/data's full UK list beside the repository when present, else the shipped examples]", required: false);
        public Option<string> Unjudged { get; } = OutputFile("--unjudged", "also write the shown practices no one has graded (JSON lines: query_id, practice_id, list) for graders");
        public Option<string> Answers { get; } = OutputFile("--answers", "also write every challenge's served answer (JSON lines: query_id, split, area, challenge, and the results and related practices with grade and floor probability), to read where the set fails");
        public Option<string> Calibrate { get; } = OutputFile("--calibrate", "refit the relevance floor on the training split and write it to FILE (ship it as Matching/relevance-floor.json)");
        public Option<string> Run { get; } = RunFile();
        public Option<string> Tag { get; } = RunTag();
        public Option<int> Folds { get; } = FoldCount();

        public Option<float> K1 { get; } = CliOptions.Number("--k1", "X", TextTuning.Bm25.K1, 0, 100, "BM25 term-frequency saturation");
        public Option<float> B { get; } = CliOptions.Number("--b", "X", TextTuning.Bm25.B, 0, 1, "BM25 length normalisation");
        public Option<float> TitleWeight { get; } = CliOptions.Number("--title-weight", "W", TextTuning.Bm25.TitleWeight, 0, 100, "a title word counts as W body words");
        public Option<float> BodyWeight { get; } = CliOptions.Number("--body-weight", "W", TextTuning.Bm25.BodyWeight, 0, 100, "weight of a body word");
        public Option<bool> PerField { get; } = CliOptions.OnOff("--per-field", TextTuning.Bm25.PerFieldLength, "normalise each field by its own length");
        public Option<bool> Stem { get; } = CliOptions.OnOff("--stem", TextTuning.Analyzer.Stem, "Porter stemming");
        public Option<bool> KeepStopWords { get; } = CliOptions.OnOff("--keep-stopwords", !TextTuning.Analyzer.RemoveStopWords, "keep English stop words");
        public Option<int> Ngrams { get; } = CliOptions.Whole("--ngrams", "N", TextTuning.Analyzer.NgramLength, 1, 3, "index single words (1), and word pairs (2) or triples (3)");
        public Option<bool> FastIndex { get; } = CliOptions.OnOff("--fast-index", false, "index with the fast analyser instead of ML.NET (same terms)");
        public Option<string> Fusion { get; } = CliOptions.OneOf("--fusion", TextTuning.Fusion.Method == FusionMethod.ReciprocalRank ? "rrf" : "minmax", ["minmax", "rrf"], "how the two sides are combined");
        public Option<float> DenseWeight { get; } = CliOptions.Number("--dense-weight", "W", TextTuning.Fusion.DenseWeight, 0, 1, "share of the semantic side");
        public Option<int> RrfK { get; } = CliOptions.Whole("--rrf-k", "K", TextTuning.Fusion.RrfK, 1, 10_000, "reciprocal-rank constant");
        public Option<int> Depth { get; } = CliOptions.Whole("--depth", "N", TextTuning.Fusion.Depth, 10, 10_000, "candidates taken from each side");
        public Option<string> Cache { get; } = new("--cache")
        {
            HelpName = "DIR",
            Description = "where document embeddings are kept between runs",
            DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "recommend-embeddings"),
        };

        /// <summary>The tuning options and the modes each changes: one given to a mode that ignores it is a usage mistake.</summary>
        public IReadOnlyList<(Option Option, string[] Modes)> Tuning =>
        [
            (K1, [Lexical, Hybrid]),
            (B, [Lexical, Hybrid]),
            (TitleWeight, [Lexical, Hybrid]),
            (BodyWeight, [Lexical, Hybrid]),
            (PerField, [Lexical, Hybrid]),
            (Stem, [Lexical, Hybrid]),
            (KeepStopWords, [Lexical, Hybrid]),
            (Ngrams, [Lexical, Hybrid]),
            (FastIndex, [Lexical, Hybrid]),
            (Fusion, [Hybrid]),
            (DenseWeight, [Hybrid]),
            (RrfK, [Hybrid]),
            (Depth, [Hybrid]),
            (Cache, [Semantic, Hybrid, Usefulness]),
            (Corpus, BeirModes),
            (Queries, BeirModes),
            (Qrels, BeirModes),
            (Run, BeirModes),
            (Tag, BeirModes),
            (Folds, BeirModes),
            (Judgments, [Usefulness]),
            (Catalogue, [Usefulness]),
            (Councils, [Usefulness]),
            (Unjudged, [Usefulness]),
            (Answers, [Usefulness]),
            (Calibrate, [Usefulness]),
        ];

        /// <summary>The options whose help does not start with the modes they apply to (they are listed first, as the BEIR inputs always were).</summary>
        public IReadOnlyList<Option> Unprefixed => [Corpus, Queries, Qrels, Run, Tag, Folds];

        private static Option<string> OutputFile(string name, string description)
        {
            var option = new Option<string>(name) { HelpName = "FILE", Description = description };
            option.Validators.Add(result =>
            {
                if (Path.GetDirectoryName(Path.GetFullPath(result.GetValueOrDefault<string>())) is { } folder && !Directory.Exists(folder))
                {
                    result.AddError($"{name}: folder '{folder}' does not exist.");
                }
            });
            return option;
        }

        private static Option<string> RunFile()
        {
            var option = new Option<string>("--run") { HelpName = "FILE", Description = "also write a TREC run file (top 100 per query) for trec_eval" };
            option.Validators.Add(result =>
            {
                if (Path.GetDirectoryName(Path.GetFullPath(result.GetValueOrDefault<string>())) is { } folder && !Directory.Exists(folder))
                {
                    result.AddError($"--run: folder '{folder}' does not exist.");
                }
            });
            return option;
        }

        private static Option<string> RunTag()
        {
            var option = new Option<string>("--tag") { HelpName = "NAME", Description = "the run's name, the run file's last field [default: recommend-MODE]" };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>().Any(char.IsWhiteSpace))
                {
                    result.AddError("--tag must not contain spaces (it is one field of the run file).");
                }
            });
            return option;
        }

        private static Option<int> FoldCount() => new("--folds")
        {
            HelpName = "N",
            Description = "tune by N-fold cross-validation and report each held-out fold; 0 evaluates the settings as given",
            DefaultValueFactory = _ => 0,
            CustomParser = result =>
            {
                var folds = CliOptions.ParseWhole(result, "--folds", 0, 20);
                if (folds == 1)
                {
                    result.AddError("--folds must be 0 (no tuning) or at least 2.");
                }

                return folds;
            },
        };
    }

    public static Command Create()
    {
        var options = new Options();
        var command = new Command(Name, "Rank BEIR queries and report nDCG@10 and Recall@100 (trec_eval semantics). Without tuning options it measures exactly what the recommender serves; each tuning option starts with the modes it applies to.")
        {
            options.Corpus,
            options.Queries,
            options.Qrels,
            options.Mode,
            options.Run,
            options.Tag,
            options.Folds,
        };
        foreach (var (option, modes) in options.Tuning.Where(t => !options.Unprefixed.Contains(t.Option)))
        {
            option.Description = $"{string.Join(", ", modes)}: {option.Description}";
            command.Options.Add(option);
        }

        return command.WithAction((parseResult, output, error, cancellationToken) => RunAsync(parseResult, options, output, error, cancellationToken));
    }

    private static async Task<int> RunAsync(ParseResult parseResult, Options options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var modeName = parseResult.GetRequiredValue(options.Mode);
        EvalModes.TryGet(modeName, out var mode); // --mode was checked against EvalModes.Names while parsing
        var ignored = options.Tuning.Where(t => parseResult.IsGiven(t.Option) && !t.Modes.Contains(modeName)).Select(t => t.Option.Name).ToList();
        if (ignored.Count > 0)
        {
            return CliUsage.Fail(parseResult, error, $"{string.Join(", ", ignored)} do{(ignored.Count == 1 ? "es" : "")} not apply to --mode {modeName}; "
                + $"{modeName} takes {string.Join(", ", options.Tuning.Where(t => t.Modes.Contains(modeName)).Select(t => t.Option.Name))}.");
        }

        if (modeName == Usefulness)
        {
            var catalogue = parseResult.GetValue(options.Catalogue) ?? Contracts.Practices.SeedCatalogue.DefaultFolder;
            var judgmentsFolder = parseResult.GetValue(options.Judgments) ?? Training.JudgmentSet.DefaultFolder;
            foreach (var (folder, option) in new[] { (catalogue, options.Catalogue), (judgmentsFolder, options.Judgments) })
            {
                if (!Directory.Exists(folder))
                {
                    return CliUsage.Fail(parseResult, error, $"{option.Name}: folder '{Path.GetFullPath(folder)}' does not exist.");
                }
            }

            return await UsefulnessEvalRun.RunAsync(
                new UsefulnessEvalRun.Settings(judgmentsFolder, catalogue, parseResult.GetValue(options.Councils), parseResult.GetRequiredValue(options.Cache),
                    parseResult.GetValue(options.Unjudged), parseResult.GetValue(options.Calibrate), parseResult.GetValue(options.Answers)),
                output, error, cancellationToken);
        }

        var absent = new[] { options.Corpus, options.Queries, options.Qrels }.Where(o => !parseResult.IsGiven(o)).Select(o => o.Name).ToList();
        if (absent.Count > 0)
        {
            return CliUsage.Fail(parseResult, error, $"--mode {modeName} needs {string.Join(", ", absent)}.");
        }

        var bm25 = new Bm25Parameters(
            parseResult.GetValue(options.K1),
            parseResult.GetValue(options.B),
            parseResult.GetValue(options.TitleWeight),
            parseResult.GetValue(options.BodyWeight),
            parseResult.GetValue(options.PerField));
        if (bm25.TitleWeight + bm25.BodyWeight == 0)
        {
            return CliUsage.Fail(parseResult, error, "--title-weight and --body-weight cannot both be 0.");
        }

        var analyzer = new AnalyzerOptions(
            RemoveStopWords: !parseResult.GetValue(options.KeepStopWords),
            Stem: parseResult.GetValue(options.Stem),
            NgramLength: parseResult.GetValue(options.Ngrams));
        var fusion = new FusionSettings(
            parseResult.GetValue(options.Fusion) == "rrf" ? FusionMethod.ReciprocalRank : FusionMethod.WeightedMinMax,
            parseResult.GetValue(options.DenseWeight),
            parseResult.GetValue(options.RrfK),
            parseResult.GetValue(options.Depth));
        var settings = new EvalSettings(analyzer, bm25, UseMlNet: !parseResult.GetValue(options.FastIndex), parseResult.GetRequiredValue(options.Cache), fusion);
        var corpusPath = parseResult.GetRequiredValue(options.Corpus);
        var queriesPath = parseResult.GetRequiredValue(options.Queries);
        var qrelsPath = parseResult.GetRequiredValue(options.Qrels);
        var runPath = parseResult.GetValue(options.Run);
        var tag = parseResult.GetValue(options.Tag) ?? $"recommend-{modeName}";
        var folds = parseResult.GetValue(options.Folds);

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
                await error.WriteLineAsync($"warning: {missing} judged quer{(missing == 1 ? "y has" : "ies have")} no text in {queriesPath}; they score 0.");
            }
        }
        catch (DataFormatException ex)
        {
            await error.WriteLineAsync($"eval: malformed data: {ex.Message}");
            return 1;
        }

        if (corpus.Count == 0)
        {
            await error.WriteLineAsync($"eval: malformed data: {corpusPath} holds no documents.");
            return 1;
        }

        await error.WriteLineAsync($"{corpus.Count:N0} documents, {judgedQueries.Count:N0} judged queries, mode {mode.Name}");
        mode.PrepareQueries(judgedQueries.Select(q => q.Text).ToArray(), error);
        var run = new EvalRun(mode, corpus, judgedQueries, qrels, settings, runPath, tag, output, error);
        return folds == 0
            ? await EvaluateOnce(run, cancellationToken)
            : await EvaluateCrossValidated(run, folds, cancellationToken);
    }

    /// <summary>What one invocation evaluates and where it writes.</summary>
    private sealed record EvalRun(IEvalMode Mode, List<TextDocument> Corpus, List<BeirQuery> Queries, Qrels Qrels, EvalSettings Settings, string? RunPath, string Tag, TextWriter Output, TextWriter Error);

    private static async Task<int> EvaluateOnce(EvalRun eval, CancellationToken cancellationToken)
    {
        var (mode, corpus, queries, qrels, settings, runPath, tag, output, error) = eval;
        var retriever = mode.Build(corpus, settings, error);
        var clock = Stopwatch.StartNew();
        var run = RankAll(retriever, queries, error, cancellationToken);
        var perQueryMs = clock.Elapsed.TotalMilliseconds / Math.Max(1, queries.Count);
        var report = EvaluationReport.Of(run, qrels);
        await WriteRun(runPath, run, tag, error, cancellationToken);

        var description = Describe(mode, settings);
        output.WriteLine($"{"mode",-8}  {"queries",7}  {"nDCG@10",7}  {"R@100",6}  {"ms/query",8}  settings");
        output.WriteLine($"{mode.Name,-8}  {report.Queries.Count,7}  {report.MeanNdcg10,7:0.0000}  {report.MeanRecall100,6:0.0000}  {perQueryMs,8:0.000}  {description}");
        output.WriteLine(JsonOutput.Line(writer =>
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

    private static async Task<int> EvaluateCrossValidated(EvalRun eval, int folds, CancellationToken cancellationToken)
    {
        var (mode, corpus, queries, qrels, settings, runPath, tag, output, error) = eval;
        var candidates = mode.Candidates(corpus, settings, error);
        var evaluated = new List<(string Label, EvaluationReport Report)>(candidates.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < candidates.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var run = RankAll(candidates[i].Activate(), queries, TextWriter.Null, cancellationToken);
            evaluated.Add((candidates[i].Label, EvaluationReport.Of(run, qrels)));
            if ((i + 1) % 20 == 0 || i + 1 == candidates.Count)
            {
                await error.WriteLineAsync($"tuning: {i + 1}/{candidates.Count} configurations evaluated ({clock.Elapsed.TotalSeconds:0} s)");
            }
        }

        var splits = CrossValidation.Folds(qrels.QueryIds, folds);
        var tuning = CrossValidatedTuning.Run(evaluated, splits);
        var baseline = evaluated[0];

        output.WriteLine($"{folds}-fold cross-validation, mode {mode.Name}: each fold is scored with the configuration that did best on the other folds");
        output.WriteLine($"{"fold",4}  {"queries",7}  {"train nDCG@10",13}  {"held-out nDCG@10",16}  {"held-out R@100",14}  chosen");
        foreach (var fold in tuning.Folds)
        {
            output.WriteLine($"{fold.Fold,4}  {fold.Queries,7}  {fold.TrainNdcg10,13:0.0000}  {fold.HeldOutNdcg10,16:0.0000}  {fold.HeldOutRecall100,14:0.0000}  {fold.Chosen}");
        }

        output.WriteLine($"{"all",4}  {tuning.HeldOut.Queries.Count,7}  {"",13}  {tuning.HeldOut.MeanNdcg10,16:0.0000}  {tuning.HeldOut.MeanRecall100,14:0.0000}  (held-out folds together)");
        output.WriteLine($"untuned ({baseline.Label}): nDCG@10 {baseline.Report.MeanNdcg10:0.0000}, R@100 {baseline.Report.MeanRecall100:0.0000}");
        output.WriteLine($"best on all queries (optimistic, not held out): {tuning.BestOverall}: nDCG@10 {tuning.BestOverallReport.MeanNdcg10:0.0000}, R@100 {tuning.BestOverallReport.MeanRecall100:0.0000}");

        if (runPath is not null)
        {
            // The run the JSON scores: each fold's queries ranked by the configuration chosen for that
            // fold, so trec_eval over this file reproduces the held-out figures.
            var heldOutRun = new Dictionary<string, IReadOnlyList<RankedDocument>>(StringComparer.Ordinal);
            for (var f = 0; f < splits.Count; f++)
            {
                var chosen = candidates.First(c => c.Label == tuning.Folds[f].Chosen);
                var foldQueries = queries.Where(q => splits[f].Contains(q.Id)).ToList();
                foreach (var (id, ranking) in RankAll(chosen.Activate(), foldQueries, TextWriter.Null, cancellationToken))
                {
                    heldOutRun[id] = ranking;
                }
            }

            await WriteRun(runPath, heldOutRun, tag, error, cancellationToken);
        }

        output.WriteLine(JsonOutput.Line(writer =>
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

    private static async Task WriteRun(string? path, Dictionary<string, IReadOnlyList<RankedDocument>> run, string tag, TextWriter error, CancellationToken cancellationToken)
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

        await error.WriteLineAsync($"wrote run file {path}");
    }

    private static string Describe(IEvalMode mode, EvalSettings settings) => mode.Name switch
    {
        "lexical" => $"stem={(settings.Analyzer.Stem ? "on" : "off")} ngrams={settings.Analyzer.NgramLength} {settings.Bm25}",
        "semantic" => "all-MiniLM-L6-v2, title + text",
        _ => $"stem={(settings.Analyzer.Stem ? "on" : "off")} {settings.Bm25} | {settings.Fusion}",
    };
}
