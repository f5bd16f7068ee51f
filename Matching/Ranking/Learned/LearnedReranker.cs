using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Recommend.Matching.Ranking.Learned;

/// <summary>
/// A LightGBM LambdaRank model over <see cref="RankingFeatures"/>, trained by <c>retrain</c> and
/// stored inside the model version it ranks for. Scores candidates one at a time through pooled
/// prediction engines (an engine is not thread-safe; requests are concurrent).
/// </summary>
public sealed class LearnedReranker
{
    /// <summary>The one MLContext for reranking: training and loading share its seed and component catalog.</summary>
    private static readonly MLContext Ml = CreateContext();

    private readonly ITransformer _model;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, ScoreRow>> _engines = [];

    private LearnedReranker(ITransformer model, byte[] bytes, double blend)
    {
        _model = model;
        Bytes = bytes;
        Blend = blend;
    }

    /// <summary>The saved ML.NET model, as stored in the model version.</summary>
    public byte[] Bytes { get; }

    /// <summary>
    /// How much of the model's score is added to the weighted sum (0 = the model changes nothing).
    /// Chosen by cross-validation on the training queries, so a model that does not help is not trusted.
    /// </summary>
    public double Blend { get; }

    /// <summary>The served score: the hand-tuned weighted sum plus the blended model correction.</summary>
    public double Rescore(double weighted, float[] features) => Blend == 0 ? weighted : weighted + (Blend * Score(features));

    /// <summary>Copy with another blend (the model itself is shared).</summary>
    public LearnedReranker WithBlend(double blend) => new(_model, Bytes, blend);

    /// <summary>The model's raw score: only the order it gives within one request means anything.</summary>
    public float Score(float[] features)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = Ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(_model);
        }

        try
        {
            return engine.Predict(new FeatureRow { Features = features }).Score;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>
    /// LambdaRank over one group of rows per judged query; small trees and a minimum leaf size
    /// suit the few hundred rows a hand-written judgment set gives. One thread, fixed seed: the same
    /// judgments always give the same model (and so the same version id).
    /// </summary>
    public static LearnedReranker Train(IReadOnlyList<TrainingRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Select(r => r.Group).Distinct().Count() < 2)
        {
            throw new ArgumentException("Training needs at least two judged queries with candidates.", nameof(rows));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var data = Ml.Data.LoadFromEnumerable(rows.Select(r => new LabelledRow { Label = r.Grade, Group = r.Group, Features = r.Features }));
        var keyed = Ml.Transforms.Conversion.MapValueToKey(nameof(LabelledRow.Group)).Fit(data).Transform(data);
        var trainer = Ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(LabelledRow.Label),
            FeatureColumnName = nameof(LabelledRow.Features),
            RowGroupColumnName = nameof(LabelledRow.Group),
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 5,
            LearningRate = 0.05,
            NumberOfIterations = 150,
            NumberOfThreads = 1,
            Seed = 42,
        });
        var model = trainer.Fit(keyed);
        cancellationToken.ThrowIfCancellationRequested();

        using var stream = new MemoryStream();
        Ml.Model.Save(model, FeatureSchema(), stream);
        var bytes = stream.ToArray();
        return Load(bytes, blend: 1);
    }

    /// <summary>Reads a stored model; a damaged one is an <see cref="InvalidDataException"/>, like any damaged index part.</summary>
    public static LearnedReranker Load(byte[] bytes, double blend)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var model = Ml.Model.Load(stream, out _);
            return new LearnedReranker(model, bytes, blend);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"The stored reranker cannot be read: {ex.Message}", ex);
        }
    }

    private static DataViewSchema FeatureSchema()
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(nameof(FeatureRow.Features), new VectorDataViewType(NumberDataViewType.Single, RankingFeatures.Count));
        return builder.ToSchema();
    }

    private static MLContext CreateContext()
    {
        var ml = new MLContext(seed: 42);
        ml.ComponentCatalog.RegisterAssembly(typeof(LightGbmRankingModelParameters).Assembly);
        return ml;
    }

    private sealed class FeatureRow
    {
        [VectorType(RankingFeatures.Count)]
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }

    private sealed class LabelledRow
    {
        public float Label { get; set; }

        public uint Group { get; set; }

        [VectorType(RankingFeatures.Count)]
        public float[] Features { get; set; } = [];
    }
}

/// <summary>One candidate of one judged query: its grade (0 when unjudged), the query's group number, its features.</summary>
public sealed record TrainingRow(float Grade, uint Group, float[] Features);
