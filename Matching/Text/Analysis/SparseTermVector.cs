namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// A bag of terms for one field: ids in a <see cref="TermVocabulary"/>, ascending, with their counts.
/// <see cref="Length"/> counts words only (n-grams do not make a document longer).
/// </summary>
public sealed record SparseTermVector(int[] Terms, float[] Counts, int Length)
{
    public static SparseTermVector Empty { get; } = new([], [], 0);
}
