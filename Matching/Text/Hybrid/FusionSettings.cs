using System.Globalization;

namespace Recommend.Matching.Text.Hybrid;

/// <summary>Hybrid fusion settings.</summary>
/// <param name="Method">How the two rankings are combined.</param>
/// <param name="DenseWeight">Share of the dense side, 0 (lexical only) to 1 (dense only); the lexical side gets the rest.</param>
/// <param name="RrfK">The k in 1/(k + rank) for reciprocal-rank fusion; larger flattens the head.</param>
/// <param name="Depth">Candidates taken from each side before fusing.</param>
public sealed record FusionSettings(FusionMethod Method = FusionMethod.WeightedMinMax, float DenseWeight = 0.5f, int RrfK = 60, int Depth = 200)
{
    public static FusionSettings Default { get; } = new();

    public void Validate()
    {
        if (!(DenseWeight >= 0 && DenseWeight <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DenseWeight), DenseWeight, "the dense weight must be between 0 and 1");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RrfK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Depth, 1);
    }

    public override string ToString() => Method == FusionMethod.ReciprocalRank
        ? string.Create(CultureInfo.InvariantCulture, $"rrf k={RrfK} dense={DenseWeight:0.##} depth={Depth}")
        : string.Create(CultureInfo.InvariantCulture, $"minmax dense={DenseWeight:0.##} depth={Depth}");
}
