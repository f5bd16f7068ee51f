using System.Text.Json.Serialization;

namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>
/// What a council measured after adopting: one measure before and after, over a period. Which way is
/// better is said, not guessed: fewer rough sleepers and more school attendance are both improvements.
/// </summary>
public sealed record ReportedOutcome
{
    /// <summary>What was measured, in the council's words ("people sleeping rough on the autumn count").</summary>
    public string? Measure { get; init; }
    public double? Before { get; init; }
    public double? After { get; init; }

    /// <summary>Over what time the change happened ("2023 to 2024", "12 months").</summary>
    public string? Period { get; init; }

    /// <summary>"higher" or "lower": which direction of the measure is an improvement.</summary>
    public string? Better { get; init; }

    public const string HigherIsBetter = "higher";
    public const string LowerIsBetter = "lower";

    /// <summary>After differs from before in the better direction (computed, so not stored or sent).</summary>
    [JsonIgnore]
    public bool Improved => Before is { } before && After is { } after
        && (Better == HigherIsBetter ? after > before : Better == LowerIsBetter && after < before);
}
