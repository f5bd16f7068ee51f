namespace Recommend.Core.Text.Hybrid;

/// <summary>How the lexical and dense rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal-rank fusion: sum of weight / (k + rank) over the sides that found the document; ignores score scales.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of each side's scores scaled to [0, 1] over its own candidates (min-max).</summary>
    WeightedMinMax,
}
