using System.Text.Json.Serialization;

namespace Recommend.Matching.Ranking;

/// <summary>
/// What a model version says about how it was made (the "card" part): when, by which command,
/// with which text settings, and how it scored on held-out judgments against the version it was
/// compared with. Written once with the version and never changed.
/// </summary>
public sealed record ModelCard
{
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The command line that made it, e.g. "retrain --judgments data/judgments --feedback".</summary>
    public required string Command { get; init; }

    public required string TextSettings { get; init; }

    public bool HasReranker { get; init; }

    /// <summary>Share of the reranker's score added to the weighted sum, as cross-validation chose it.</summary>
    public double RerankerBlend { get; init; }

    /// <summary>Practices with feedback evidence in the version's memory (0 without --feedback).</summary>
    public int FeedbackPractices { get; init; }

    public ModelScores? Scores { get; init; }
}

/// <summary>
/// Held-out figures of a version and of the one it was compared with, and the one-sided p-values
/// of the paired randomisation test that the version ranks worse (absent on cards written before the test).
/// </summary>
public sealed record ModelScores(
    string Judgments,
    int HeldOutQueries,
    double Ndcg10,
    double Recall100,
    string ComparedWith,
    double ComparedNdcg10,
    double ComparedRecall100,
    double? Ndcg10PValue = null,
    double? Recall100PValue = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelCard))]
public sealed partial class ModelCardJsonContext : JsonSerializerContext;
