using System.Globalization;
using System.Text;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Training;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Relevance;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>
/// <c>eval --mode usefulness</c>: serves every challenge of a usefulness judgment set as the
/// recommender would (the seed catalogue indexed as ingest indexes it, the council list the app loads,
/// the API's defaults, the shipped relevance floor) and prints, for the training and held-out splits,
/// P@5 of directly useful practices (grade 2) and of at least related ones, rank 1 directly useful,
/// the useless share of what results[] shows, and the challenges left without a directly useful
/// result. <c>--unjudged</c> lists shown practices nobody has graded; <c>--calibrate</c> refits the floor.
/// </summary>
public static class UsefulnessEvalRun
{
    public const string Name = "usefulness";

    public sealed record Settings(string Judgments, string Catalogue, string? Councils, string CacheDirectory, string? UnjudgedPath, string? CalibratePath, string? AnswersPath = null);

    public static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        JudgmentSet judgments;
        try
        {
            judgments = JudgmentSet.Read(settings.Judgments);
        }
        catch (Exception ex) when (ex is DataFormatException or IOException)
        {
            await error.WriteLineAsync($"eval: malformed data: {ex.Message}");
            return 1;
        }

        var catalogue = SeedCatalogue.LoadFolder(settings.Catalogue);
        if (catalogue.Practices.Count == 0)
        {
            await error.WriteLineAsync($"eval: malformed data: {settings.Catalogue} holds no valid practices.");
            return 1;
        }

        IReadOnlyList<Contracts.Councils.CouncilProfile> councils;
        string councilsFrom;
        try
        {
            (councils, councilsFrom) = EvaluationCouncils.Load(settings.Councils);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"eval: malformed data: --councils {settings.Councils}: {ex.Message}");
            return 1;
        }

        var evaluator = new RankingEvaluator(councils);
        var unknown = EvaluationCouncils.Unknown(evaluator, judgments.Queries);
        if (unknown.Count > 0)
        {
            await error.WriteLineAsync($"warning: {unknown.Count} challenge(s) name a council not in {councilsFrom} and are ranked without one: {string.Join(", ", unknown.Take(5))}");
        }

        await error.WriteLineAsync($"{catalogue.Practices.Count:N0} practices ({catalogue.Rejects.Count} rejected), {judgments.Queries.Count} judged challenges, councils: {councilsFrom}");
        var index = BuildIndex(catalogue.Practices, settings.CacheDirectory, error, cancellationToken);
        var ranker = new PracticeRanker();
        var usefulness = new UsefulnessEvaluator(evaluator);
        var (train, heldOut) = HeldOutSplit.Split(judgments.Queries);
        var scoredTrain = usefulness.Score(index, ranker, train, cancellationToken);
        var scoredHeldOut = usefulness.Score(index, ranker, heldOut, cancellationToken);

        if (settings.CalibratePath is { } calibratePath)
        {
            return await CalibrateAsync(judgments, catalogue.Practices, index, ranker, usefulness, train, scoredTrain, calibratePath, output, error, cancellationToken);
        }

        var trainReport = UsefulnessEvaluator.Report(index, ranker, scoredTrain, judgments.Qrels);
        var heldOutReport = UsefulnessEvaluator.Report(index, ranker, scoredHeldOut, judgments.Qrels);
        var all = new UsefulnessReport([.. trainReport.Queries, .. heldOutReport.Queries]);
        WriteTable(output, [("train", trainReport), ("held-out", heldOutReport), ("all", all)]);
        output.WriteLine();
        output.WriteLine("held-out, per service area:");
        WriteTable(output, [.. heldOutReport.Queries.GroupBy(q => q.Area, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, new UsefulnessReport([.. g])))]);
        var stale = RelevanceFloor.Shipped.JudgmentsHash != RelevanceCalibration.HashJudgments(settings.Judgments)
            || RelevanceFloor.Shipped.CatalogueHash != RelevanceCalibration.HashCatalogue(catalogue.Practices);
        if (stale)
        {
            await error.WriteLineAsync("note: the shipped relevance floor was calibrated on another judgment set or catalogue; recalibrate with --calibrate (README).");
        }

        if (settings.UnjudgedPath is { } unjudgedPath)
        {
            await WriteUnjudgedAsync(unjudgedPath, index, ranker, [.. scoredTrain, .. scoredHeldOut], judgments.Qrels, error, cancellationToken);
        }

        if (settings.AnswersPath is { } answersPath)
        {
            await WriteAnswersAsync(answersPath, index, ranker, [.. scoredTrain.Select(q => (q, "train")), .. scoredHeldOut.Select(q => (q, "held_out"))], judgments.Qrels, error, cancellationToken);
        }

        output.WriteLine(Json(heldOutReport, trainReport, all, catalogue.Practices.Count));
        return 0;
    }

    private static async Task<int> CalibrateAsync(
        JudgmentSet judgments, IReadOnlyList<Practice> practices, PracticeIndex hybrid, PracticeRanker ranker, UsefulnessEvaluator usefulness,
        IReadOnlyList<JudgedQuery> train, IReadOnlyList<UsefulnessEvaluator.ScoredQuery> scoredTrain, string path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await error.WriteLineAsync($"calibrating the relevance floor on {train.Count} training challenges");
        var (hybridModel, hybridReport, hybridSamples, tried) = UsefulnessEvaluator.Calibrate(hybrid, ranker, scoredTrain, judgments.Qrels);
        output.WriteLine("training split, served answers by threshold (hybrid):");
        WriteTable(output, [.. tried.Where((_, i) => i % 5 == 0).Select(t => (t.Threshold.ToString("0.00", CultureInfo.InvariantCulture), t.Report))]);
        var lexical = new PracticeIndexBuilder().Build(practices, hybrid.Version + "-lexical", cancellationToken);
        var (lexicalModel, lexicalReport, _, _) = UsefulnessEvaluator.Calibrate(lexical, ranker, usefulness.Score(lexical, ranker, train, cancellationToken), judgments.Qrels);
        var floor = new RelevanceFloor
        {
            Hybrid = hybridModel,
            Lexical = lexicalModel,
            JudgmentsHash = RelevanceCalibration.HashJudgments(judgments.Folder),
            CatalogueHash = RelevanceCalibration.HashCatalogue(practices),
            Calibration = string.Create(CultureInfo.InvariantCulture,
                $"Fitted on the training split of the usefulness set ({train.Count} challenges, {hybridSamples} judged candidates; label: directly useful, grade 2) over {practices.Count} practices; "
                + $"threshold: most directly useful minus {RelevanceCalibration.UselessCost} x useless in the served top 5. "
                + $"Training: hybrid {RelevanceCalibration.Describe(hybridReport)}; lexical-only {RelevanceCalibration.Describe(lexicalReport)}."),
        };
        await File.WriteAllTextAsync(path, floor.ToJson() + "\n", new UTF8Encoding(false), cancellationToken);
        output.WriteLine($"hybrid floor: threshold {hybridModel.Threshold:0.00}, weights {hybridModel.Describe()}; training: {RelevanceCalibration.Describe(hybridReport)}");
        output.WriteLine($"lexical floor: threshold {lexicalModel.Threshold:0.00}, weights {lexicalModel.Describe()}; training: {RelevanceCalibration.Describe(lexicalReport)}");
        output.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Every practice a served answer shows (results and related) that the set does not grade: what graders should read next.</summary>
    private static async Task WriteUnjudgedAsync(string path, PracticeIndex index, PracticeRanker ranker, IReadOnlyList<UsefulnessEvaluator.ScoredQuery> queries, Qrels qrels, TextWriter error, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var judged = qrels.For(query.Query.Id);
            var answer = UsefulnessEvaluator.Answer(index, ranker, query);
            foreach (var (result, list) in answer.Results.Select(r => (r, "results")).Concat(answer.Related.Select(r => (r, "related"))))
            {
                if (!judged.ContainsKey(result.Practice.Id))
                {
                    count++;
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new UnjudgedPair(query.Query.Id, result.Practice.Id, list), UnjudgedJsonContext.Default.UnjudgedPair));
                }
            }
        }

        await error.WriteLineAsync($"wrote {count} unjudged shown practice(s) to {path}");
    }

    /// <summary>Every challenge's served answer with the grades beside it: where a reader sees which practices fail which need.</summary>
    private static async Task WriteAnswersAsync(string path, PracticeIndex index, PracticeRanker ranker, IReadOnlyList<(UsefulnessEvaluator.ScoredQuery Query, string Split)> queries, Qrels qrels, TextWriter error, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        foreach (var (query, split) in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var judged = qrels.For(query.Query.Id);
            var answer = UsefulnessEvaluator.Answer(index, ranker, query);
            List<ServedPractice> Served(IEnumerable<Contracts.Recommendations.RecommendationResult> results) =>
                [.. results.Select(r => new ServedPractice(r.Practice.Id, r.Practice.Title, judged.TryGetValue(r.Practice.Id, out var g) ? g : null, Math.Round(r.Relevance, 3), Math.Round(r.ScoreParts.Text, 3)))];
            var line = new ServedAnswer(query.Query.Id, split, query.Query.Area, query.Query.Challenge, Served(answer.Results.Take(UsefulnessReport.Depth)), Served(answer.Related));
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, UnjudgedJsonContext.Default.ServedAnswer));
        }

        await error.WriteLineAsync($"wrote {queries.Count} served answer(s) to {path}");
    }

    private static PracticeIndex BuildIndex(IReadOnlyList<Practice> practices, string cacheDirectory, TextWriter error, CancellationToken cancellationToken)
    {
        // The vectors are those ingest makes (PracticeEmbedding: the practice's text blended with its
        // problems'), each text's embeddings kept between runs like eval's corpus vectors.
        var ordered = practices.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var own = EmbeddingCache.LoadOrBuild([.. ordered.Select(p => new TextDocument(p.Id, PracticeEmbedding.PracticeText(p), ""))], QueryEmbeddings.Embedder, cacheDirectory, error);
        var withProblems = ordered.Where(p => PracticeEmbedding.ProblemsText(p) is not null).ToList();
        var problems = withProblems.Count == 0
            ? null
            : EmbeddingCache.LoadOrBuild([.. withProblems.Select(p => new TextDocument(p.Id, PracticeEmbedding.ProblemsText(p)!, ""))], QueryEmbeddings.Embedder, cacheDirectory, error);
        return new PracticeIndexBuilder(QueryEmbeddings.Embedder).Build(
            practices,
            "eval",
            p => PracticeEmbedding.Blend(own.GetVector(p.Id).ToArray(), problems is not null && problems.Contains(p.Id) ? problems.GetVector(p.Id).ToArray() : null),
            embedded: null,
            cancellationToken);
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<(string Label, UsefulnessReport Report)> rows)
    {
        output.WriteLine($"{"split",-22}  {"queries",7}  {"P@5 useful",10}  {"P@5 >=1",7}  {"rank-1 useful",13}  {"useless",7}  {"no useful",9}  {"shown",5}");
        foreach (var (label, r) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label,-22}  {r.Count,7}  {r.PrecisionAt5Useful,10:0.000}  {r.PrecisionAt5Related,7:0.000}  {UsefulnessEvaluator.Percent(r.RankOneUseful),13}  {UsefulnessEvaluator.Percent(r.UselessShare),7}  {r.WithoutUseful,9}  {r.MeanShown,5:0.0}"));
        }
    }

    private static string Json(UsefulnessReport heldOut, UsefulnessReport train, UsefulnessReport all, int practices) => JsonOutput.Line(writer =>
    {
        writer.WriteString("mode", Name);
        writer.WriteNumber("practices", practices);
        foreach (var (label, r) in new[] { ("held_out", heldOut), ("train", train), ("all", all) })
        {
            writer.WriteStartObject(label);
            writer.WriteNumber("queries", r.Count);
            writer.WriteNumber("p@5_useful", Math.Round(r.PrecisionAt5Useful, 4));
            writer.WriteNumber("p@5_related_or_useful", Math.Round(r.PrecisionAt5Related, 4));
            writer.WriteNumber("shown_precision_useful", Math.Round(r.ShownPrecisionUseful, 4));
            writer.WriteNumber("rank1_useful", Math.Round(r.RankOneUseful, 4));
            writer.WriteNumber("useless_share", Math.Round(r.UselessShare, 4));
            writer.WriteNumber("without_useful", r.WithoutUseful);
            writer.WriteNumber("mean_shown", Math.Round(r.MeanShown, 2));
            writer.WriteNumber("related_useful_share", Math.Round(r.RelatedUsefulShare, 4));
            writer.WriteNumber("unjudged_shown", r.Unjudged);
            writer.WriteEndObject();
        }
    });
}

/// <summary>One line of <c>--unjudged</c>: a challenge, a practice a served answer shows for it, and in which list.</summary>
public sealed record UnjudgedPair(string QueryId, string PracticeId, string List);

/// <summary>One line of <c>--answers</c>: a challenge and what was served for it, graded.</summary>
public sealed record ServedAnswer(string QueryId, string Split, string Area, string? Challenge, List<ServedPractice> Results, List<ServedPractice> Related);

/// <summary>A served practice with its grade (null when unjudged), the floor's probability and the text share of its score.</summary>
public sealed record ServedPractice(string Id, string Title, int? Grade, double Relevance, double Text);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(UnjudgedPair))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ServedAnswer))]
public sealed partial class UnjudgedJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
