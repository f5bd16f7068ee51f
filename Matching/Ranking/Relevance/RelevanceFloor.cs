using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommend.Matching.Ranking.Relevance;

/// <summary>
/// Decides which candidates match a challenge well enough to be recommended: a logistic model of
/// the chance that a practice is useful for the challenge (graded 1 or 2 in the usefulness set,
/// data/judgments), from <see cref="RelevanceFeatures"/>, and the threshold that chance must clear.
/// Practices below it are offered only as related. The floor reads the text match alone, so context,
/// evidence, cost and priority can reorder the practices above it but never lift one over it.
/// Calibrated on the training split by <c>eval --mode usefulness --calibrate</c>, which writes the
/// shipped <c>relevance-floor.json</c>; a test refits it and checks the file matches.
/// </summary>
public sealed record RelevanceFloor
{
    /// <summary>The model for indexes with semantic vectors (every served index).</summary>
    public required LogisticModel Hybrid { get; init; }

    /// <summary>The model for lexical-only indexes (no MiniLM vectors), the same way calibrated.</summary>
    public required LogisticModel Lexical { get; init; }

    /// <summary>How the floor was calibrated: judgment set, split, target, counts, figures.</summary>
    public string? Calibration { get; init; }

    /// <summary>A hash of the judgment set it was calibrated on (<c>RelevanceCalibration.HashJudgments</c>).</summary>
    public string? JudgmentsHash { get; init; }

    /// <summary>A hash of the catalogue it was calibrated on (<c>RelevanceCalibration.HashCatalogue</c>).</summary>
    public string? CatalogueHash { get; init; }

    /// <summary>The same floor with both models' thresholds replaced: for trying thresholds during calibration.</summary>
    public RelevanceFloor WithThresholds(double hybrid, double lexical) =>
        this with { Hybrid = Hybrid with { Threshold = hybrid }, Lexical = Lexical with { Threshold = lexical } };

    public double Probability(RelevanceFeatures features, bool withSemantic) =>
        (withSemantic ? Hybrid : Lexical).Probability(features.ToArray(withSemantic));

    public bool Clears(RelevanceFeatures features, bool withSemantic) =>
        Probability(features, withSemantic) >= (withSemantic ? Hybrid : Lexical).Threshold;

    /// <summary>What changes rankings, for the index version id: a new calibration is a new version.</summary>
    public string Describe() => $"floor={Hybrid.Describe()}|{Lexical.Describe()}";

    public static RelevanceFloor Shipped { get; } = LoadShipped();

    public static RelevanceFloor Parse(string json) =>
        JsonSerializer.Deserialize(json, RelevanceFloorJsonContext.Default.RelevanceFloor)
        ?? throw new InvalidDataException("The relevance floor file is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, RelevanceFloorJsonContext.Default.RelevanceFloor);

    private static RelevanceFloor LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Recommend.Matching.relevance-floor.json")
            ?? throw new InvalidOperationException("The shipped relevance floor (relevance-floor.json) is not embedded in Recommend.Matching.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}

/// <summary>p = 1 / (1 + e^-(bias + weights . features)); a candidate clears the floor when p >= threshold.</summary>
public sealed record LogisticModel
{
    public required string[] Features { get; init; }
    public required double[] Weights { get; init; }
    public required double Bias { get; init; }
    public required double Threshold { get; init; }

    public double Probability(double[] features)
    {
        if (features.Length != Weights.Length)
        {
            throw new ArgumentException($"The model reads {Weights.Length} features, got {features.Length}.", nameof(features));
        }

        var z = Bias;
        for (var i = 0; i < features.Length; i++)
        {
            z += Weights[i] * features[i];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    public string Describe() => string.Join(',', Weights.Append(Bias).Append(Threshold).Select(w => w.ToString("0.####", CultureInfo.InvariantCulture)));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(RelevanceFloor))]
public sealed partial class RelevanceFloorJsonContext : JsonSerializerContext;
