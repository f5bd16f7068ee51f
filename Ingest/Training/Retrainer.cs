using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Models;
using Recommend.Ingest.Training.Feedback;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Ranking.Versions;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

namespace Recommend.Ingest.Training;

/// <summary>
/// Batch retraining: refit the text pipeline on the whole catalogue (reusing the current version's
/// vectors for practices whose text has not changed), learn a LambdaRank reranker on the training
/// queries, compare new against current on the held-out queries, write the report, store the new
/// version and make it current only when it is not worse (or when forced).
/// </summary>
public sealed class Retrainer(IConnectionMultiplexer? redis, MiniLmEmbedder embedder, IReadOnlyList<CouncilProfile> councils, ITrainingProgress progress)
{
    /// <summary>Two scores this close are equal: floating-point noise must not decide a blend.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>
    /// "Worse" means the held-out queries give significant evidence of it: a one-sided paired
    /// randomisation test over the queries (<see cref="PairedRandomisationTest"/>) finds the new
    /// model's nDCG@10 or Recall@100 lower with p below this level. A lower mean that chance alone
    /// explains as often as one time in twenty is not evidence of a worse model.
    /// </summary>
    public const double WorseSignificance = 0.05;

    private const int BlendFolds = 3;

    /// <summary>Blends tried, smallest first; the weighted sum is 0..1, a LambdaRank score a few units either side of 0.</summary>
    private static readonly double[] BlendGrid = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

    public async Task<RetrainResult> RunAsync(RetrainOptions options, JudgmentSet judgments, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var db = redis?.GetDatabase();
        var (practices, from) = await CatalogueSource.LoadAsync(db, options.CatalogueFolder, cancellationToken);
        if (practices.Count == 0)
        {
            throw new InvalidDataException($"The catalogue ({from}) holds no practices.");
        }

        progress.Note($"catalogue: {from}");
        var evaluator = new RankingEvaluator(councils);
        var unknown = EvaluationCouncils.Unknown(evaluator, judgments.Queries);
        if (unknown.Count > 0)
        {
            progress.Note($"warning: {unknown.Count} judged quer{(unknown.Count == 1 ? "y names a council" : "ies name councils")} not among the {councils.Count} known councils, ranked without one: {string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? ", ..." : "")}");
        }

        var current = await LoadCurrentAsync(db, cancellationToken);
        var baseVersion = PracticeIndex.ComputeVersion(practices);
        var step = progress.Start("refit text pipeline, embed practices", practices.Count);
        var refitted = new PracticeIndexBuilder(embedder).Build(practices, baseVersion, KnownVectors(current), step, cancellationToken);

        var (train, heldOut) = HeldOutSplit.Split(judgments.Queries);
        if (train.Count < 2 || heldOut.Count == 0)
        {
            throw new InvalidDataException($"{judgments.Queries.Count} judged queries are too few: training needs at least 2 and evaluation at least 1 (every {HeldOutSplit.Every}rd need of each area is held out, with all its wordings).");
        }

        var (learning, use) = options.UseFeedback && db is not null
            ? await LearnFeedbackAsync(db, refitted, evaluator, train, judgments.Qrels, cancellationToken)
            : (FeedbackLearning.None, FeedbackUse.None);
        var feedback = learning.Memory.With(use);
        var learner = refitted.WithModel(baseVersion, null, feedback, new ModelCard { CreatedAt = DateTimeOffset.UtcNow, Command = options.Command, TextSettings = TextTuning.Describe() });

        // Each training query's features read the feedback given on other challenges only, as a new
        // wording's would at serving time: its own feedback would tell the model what its grades are.
        step = progress.Start("collect ranking features of the training queries", train.Count);
        var candidates = new List<ScoredCandidates>(train.Count);
        foreach (var query in train)
        {
            cancellationToken.ThrowIfCancellationRequested();
            candidates.Add(evaluator.Candidates(learner, query, useReranker: false, leaveOutOwnFeedback: true));
            step(1);
        }

        var rows = RankingEvaluator.TrainingRows(train, candidates, judgments.Qrels);
        step = progress.Start("choose the blend by cross-validation, train LightGbm LambdaRank reranker", BlendFolds + 1);
        var blend = ChooseBlend(train, candidates, rows, judgments.Qrels, () => step(1), cancellationToken);
        var reranker = LearnedReranker.Train(rows, cancellationToken).WithBlend(blend);
        step(1);
        progress.Note($"reranker blend: {blend.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} (0 would leave the weighted ranking unchanged)");

        // Held-out queries are ranked with their own challenge's feedback left out, by new and current alike.
        var (feedbackQueries, feedbackQrels) = FeedbackQueries.From(learning.Contributions, learning.Events, train);
        step = progress.Start("evaluate new and current on the held-out queries (judged and from feedback)", 3);
        var weighted = evaluator.Evaluate(refitted, heldOut, judgments.Qrels, useReranker: false, cancellationToken);
        step(1);
        var version = $"{baseVersion}-m{ModelHash(judgments, feedback)}";
        var candidate = refitted.WithModel(version, reranker, feedback, new ModelCard { CreatedAt = DateTimeOffset.UtcNow, Command = options.Command, TextSettings = TextTuning.Describe() });
        var fresh = evaluator.Evaluate(candidate, heldOut, judgments.Qrels, useReranker: true, cancellationToken, leaveOutOwnFeedback: true);
        var freshFeedback = evaluator.Evaluate(candidate, feedbackQueries, feedbackQrels, useReranker: true, cancellationToken, leaveOutOwnFeedback: true);
        step(1);
        var compared = current ?? refitted;
        var comparedWith = current is null
            ? "weighted ranking (no version is current)"
            : $"current {current.Version}{(current.Reranker is null ? " (weighted)" : " (learned)")}";
        var currentReport = current is null ? weighted : evaluator.Evaluate(current, heldOut, judgments.Qrels, useReranker: true, cancellationToken, leaveOutOwnFeedback: true);
        var currentFeedback = evaluator.Evaluate(compared, feedbackQueries, feedbackQrels, useReranker: true, cancellationToken, leaveOutOwnFeedback: true);
        step(1);

        var ndcgP = PairedRandomisationTest.PValueWorse([.. fresh.Queries.Select(q => q.Ndcg10)], [.. currentReport.Queries.Select(q => q.Ndcg10)]);
        var recallP = PairedRandomisationTest.PValueWorse([.. fresh.Queries.Select(q => q.Recall100)], [.. currentReport.Queries.Select(q => q.Recall100)]);
        var feedbackP = feedbackQueries.Count == 0
            ? 1
            : PairedRandomisationTest.PValueWorse([.. freshFeedback.Queries.Select(q => q.Ndcg10)], [.. currentFeedback.Queries.Select(q => q.Ndcg10)]);
        var notWorse = ndcgP >= WorseSignificance && recallP >= WorseSignificance && feedbackP >= WorseSignificance;
        var card = new ModelCard
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Command = options.Command,
            TextSettings = TextTuning.Describe(),
            HasReranker = true,
            RerankerBlend = blend,
            FeedbackPractices = feedback.Practices,
            Scores = new ModelScores(Path.GetFileName(Path.TrimEndingDirectorySeparator(judgments.Folder)), heldOut.Count, fresh.MeanNdcg10, fresh.MeanRecall100, comparedWith, currentReport.MeanNdcg10, currentReport.MeanRecall100, ndcgP, recallP),
        };
        var model = refitted.WithModel(version, reranker, feedback, card);

        var stored = false;
        var published = false;
        IReadOnlyList<string> pruned = [];
        if (redis is not null)
        {
            var registry = new ModelRegistry(redis);
            stored = await registry.StoreAsync(model, cancellationToken);
            if (options.Publish && (notWorse || options.Force))
            {
                published = await registry.MakeCurrentAsync(version);
            }

            pruned = await registry.PruneAsync(options.Keep, cancellationToken);
        }

        return new RetrainResult
        {
            Version = version,
            ComparedWith = comparedWith,
            New = fresh,
            Current = currentReport,
            Weighted = weighted,
            AreaOf = heldOut.ToDictionary(q => q.Id, q => q.Area, StringComparer.Ordinal),
            TrainQueries = train.Count,
            TrainingRows = rows.Count,
            Practices = practices.Count,
            FeedbackPractices = feedback.Practices,
            Feedback = learning,
            FeedbackUse = use,
            FeedbackNew = freshFeedback,
            FeedbackCurrent = currentFeedback,
            FeedbackNdcg10PValue = feedbackP,
            NotWorse = notWorse,
            Ndcg10PValue = ndcgP,
            Recall100PValue = recallP,
            Stored = stored,
            Published = published,
            Pruned = pruned,
            Elapsed = clock.Elapsed,
        };
    }

    private async Task<PracticeIndex?> LoadCurrentAsync(IDatabase? db, CancellationToken cancellationToken)
    {
        if (db is null || (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion) is not { } version)
        {
            return null;
        }

        if (!await db.KeyExistsAsync(StoreKeys.Index(version)))
        {
            return null;
        }

        return await VersionLoader.LoadAsync(StoredVersions.Reader(db), version, embedder, serving: null, cancellationToken);
    }

    /// <summary>
    /// How much of the model to add to the weighted sum: each candidate blend is scored by
    /// <see cref="BlendFolds"/>-fold cross-validation over the training queries (a model trained on
    /// the other folds, nDCG@10 on this one); the smallest best blend wins, 0 included, so a model
    /// that does not generalise leaves the ranking as it was.
    /// </summary>
    private static double ChooseBlend(IReadOnlyList<JudgedQuery> train, List<ScoredCandidates> candidates, List<TrainingRow> rows, Qrels qrels, Action onFold, CancellationToken cancellationToken)
    {
        var totals = new double[BlendGrid.Length];
        foreach (var fold in CrossValidation.Folds(train.Select(q => q.Id), BlendFolds))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var inFold = Enumerable.Range(0, train.Count).Where(i => fold.Contains(train[i].Id)).ToList();
            var trainRows = rows.Where(r => !fold.Contains(train[(int)r.Group].Id)).ToList();
            if (trainRows.Select(r => r.Group).Distinct().Count() >= 2)
            {
                var model = LearnedReranker.Train(trainRows, cancellationToken);
                for (var b = 0; b < BlendGrid.Length; b++)
                {
                    var blend = BlendGrid[b];
                    totals[b] += inFold.Sum(i => RankingEvaluator.Ndcg10(candidates[i], c => c.Features[0] + (blend * model.Score(c.Features)), qrels.For(train[i].Id)));
                }
            }

            onFold();
        }

        var best = 0;
        for (var b = 1; b < BlendGrid.Length; b++)
        {
            if (totals[b] > totals[best] + Tolerance)
            {
                best = b;
            }
        }

        return BlendGrid[best];
    }

    /// <summary>The current version's vector for a practice whose embedded text is unchanged: embedding is the slow step.</summary>
    private static Func<Practice, float[]?>? KnownVectors(PracticeIndex? current)
    {
        if (current?.Dense is not { } dense)
        {
            return null;
        }

        return practice => current.TryGetPractice(practice.Id, out var before)
            && PracticeEmbedding.SameVector(before, practice)
            && dense.Contains(practice.Id)
                ? dense.GetVector(practice.Id).ToArray()
                : null;
    }

    /// <summary>
    /// Reads the feedback log into a memory (<see cref="FeedbackLearning"/>) and chooses how it moves the
    /// relevance floor on the training queries (<see cref="FeedbackUseFit"/>).
    /// </summary>
    private async Task<(FeedbackLearning Learning, FeedbackUse Use)> LearnFeedbackAsync(IDatabase db, PracticeIndex refitted, RankingEvaluator evaluator, IReadOnlyList<JudgedQuery> train, Qrels qrels, CancellationToken cancellationToken)
    {
        var ranker = new PracticeRanker();
        var step = progress.Start("read the feedback log, estimate position propensities, remember feedback by question", 1);
        var learning = await FeedbackLearning.ReadAsync(db, refitted, ranker, cancellationToken);
        step(1);
        var p = learning.Propensity;
        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"feedback: {learning.LoggedEvents} logged event(s), {learning.Events.Count} after one per answer and practice ({learning.KeyedEvents} keyed), {learning.Speakers} voice(s); evidence on {learning.Memory.Practices} practice(s) from {learning.Memory.Questions} question(s)"));
        progress.Note(p.FirstPositionSignals < PositionPropensity.MinFirstPositionSignals
            ? $"position propensities: not estimated ({p.FirstPositionSignals} signal(s) at position 1, fewer than {PositionPropensity.MinFirstPositionSignals}): no correction"
            : string.Create(CultureInfo.InvariantCulture, $"position propensities (1..{PositionPropensity.MaxPosition}, related): {string.Join(' ', p.ByPosition.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}, {p.Related:0.00}"));
        progress.Note($"silence: {learning.Silent.Count} practice(s) passed over in silence in {learning.AnswersShownKnown} engaged answer(s) whose shown practices are known");
        if (learning.Memory.IsEmpty && learning.Silent.Count == 0)
        {
            return (learning, FeedbackUse.None);
        }

        // The silent weight is chosen like the floor shift, on the training queries by the same
        // criterion (ties to the smaller weight, so silence counts only when it helps there).
        step = progress.Start("choose how feedback (and silence) moves the relevance floor, on the training queries", FeedbackWeighting.SilentGrid.Count);
        var served = new UsefulnessEvaluator(evaluator).Score(refitted, ranker, train, cancellationToken);
        (FeedbackLearning Learning, FeedbackUseFit.Choice Choice, double Utility)? best = null;
        foreach (var silentWeight in FeedbackWeighting.SilentGrid)
        {
            var tried = silentWeight == 0 ? learning : learning.WithSilentWeight(silentWeight);
            if (tried.Memory.IsEmpty || (silentWeight > 0 && learning.Silent.Count == 0))
            {
                step(1);
                continue;
            }

            var choice = FeedbackUseFit.Choose(refitted, ranker.Floor, tried.Memory, served, qrels, cancellationToken);
            var utility = Math.Round(RelevanceCalibration.Utility(choice.Train), 9);
            progress.Note(string.Create(CultureInfo.InvariantCulture, $"silent weight {silentWeight:0.##}: training utility {utility:0.000} (similarity above {choice.Use.Similarity:0.##}, ramp {choice.Use.Ramp:0.##}, answer overlap above {choice.Use.Overlap:0.##}, {choice.Use.FloorShift:0.##} log-odds per unit)"));
            if (best is null || utility > best.Value.Utility)
            {
                best = (tried, choice, utility);
            }

            step(1);
        }

        if (best is not { } chosen)
        {
            return (learning, FeedbackUse.None);
        }

        progress.Note(string.Create(CultureInfo.InvariantCulture,
            $"feedback on the floor: silent weight {chosen.Learning.SilentWeight:0.##}, similarity above {chosen.Choice.Use.Similarity:0.##}, ramp {chosen.Choice.Use.Ramp:0.##}, answer overlap above {chosen.Choice.Use.Overlap:0.##} (1 = wording only), {chosen.Choice.Use.FloorShift:0.##} log-odds per unit (0 = feedback moves nothing); training P@5 useful {chosen.Choice.Without.PrecisionAt5Useful:0.000} -> {chosen.Choice.Train.PrecisionAt5Useful:0.000}, useless {chosen.Choice.Without.UselessShare:0.0%} -> {chosen.Choice.Train.UselessShare:0.0%}"));
        return (chosen.Learning, chosen.Choice.Use);
    }

    /// <summary>What the reranker learned from (judgments and feedback): the same inputs always name the same version.</summary>
    private static string ModelHash(JudgmentSet judgments, FeedbackMemory feedback)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(File.ReadAllBytes(Path.Combine(judgments.Folder, JudgmentSet.QueriesFile)));
        hash.AppendData(File.ReadAllBytes(Path.Combine(judgments.Folder, JudgmentSet.QrelsFile)));
        hash.AppendData(feedback.Serialise());
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join(',', RankingFeatures.Names)));
        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 3));
    }
}
