namespace Recommend.Matching.Text.Hybrid;

/// <summary>How the lexical and dense rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal-rank fusion: sum of weight / (k + rank) over the sides that found the document; ignores score scales.</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of scores scaled to [0, 1]: BM25 divided by the best BM25 score, cosine min-max over the candidates.</summary>
    WeightedMinMax,
}
