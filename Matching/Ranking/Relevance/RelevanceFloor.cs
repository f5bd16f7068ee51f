using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommend.Matching.Ranking.Relevance;

/// <summary>
/// Decides which candidates match a challenge well enough to be recommended: a logistic model of
/// the chance that a practice is directly useful for the challenge (graded 2 in the usefulness set,
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
        this with { Hybrid = Hybrid with { Threshold = hybrid, TopThreshold = null }, Lexical = Lexical with { Threshold = lexical, TopThreshold = null } };

    public double Probability(RelevanceFeatures features, bool withSemantic) =>
        (withSemantic ? Hybrid : Lexical).Probability(features.ToArray(withSemantic));

    /// <summary>Whether a chance clears the floor; <paramref name="mostLikely"/> for the challenge's single most probably useful candidate, which has its own bar.</summary>
    public bool Clears(double probability, bool withSemantic, bool mostLikely) =>
        (withSemantic ? Hybrid : Lexical).Clears(probability, mostLikely);

    /// <summary>What changes rankings, for the index version id: a new calibration is a new version.</summary>
    public string Describe() => $"floor={Hybrid.Describe()}|{Lexical.Describe()}";

    public static RelevanceFloor Shipped { get; } = LoadShipped();

    /// <summary>
    /// Marks which of one query's candidates clear the floor, given each one's chance: those at or
    /// above the model's threshold, and the single most probable one when it reaches the top bar.
    /// </summary>
    public static bool[] Clearing(IReadOnlyList<double> probabilities, LogisticModel model)
    {
        var clears = new bool[probabilities.Count];
        var best = -1;
        for (var i = 0; i < probabilities.Count; i++)
        {
            clears[i] = model.Clears(probabilities[i], mostLikely: false);
            if (best < 0 || probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            clears[best] = model.Clears(probabilities[best], mostLikely: true);
        }

        return clears;
    }

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

    /// <summary>
    /// The bar for the challenge's single most probably useful candidate, at most <see cref="Threshold"/>:
    /// the closest practice is shown when it is fairly likely useful, so fewer challenges go unanswered,
    /// while the rest of the list keeps the stricter bar. Null means the same as the threshold.
    /// </summary>
    public double? TopThreshold { get; init; }

    public bool Clears(double probability, bool mostLikely) => probability >= (mostLikely ? Math.Min(TopThreshold ?? Threshold, Threshold) : Threshold);

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

    public string Describe() => string.Join(',', Weights.Append(Bias).Append(Threshold).Append(TopThreshold ?? Threshold).Select(w => w.ToString("0.####", CultureInfo.InvariantCulture)));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(RelevanceFloor))]
public sealed partial class RelevanceFloorJsonContext : JsonSerializerContext;
