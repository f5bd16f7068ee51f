namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// What the analyser does after lowercasing, folding diacritics and splitting on anything that is
/// not a letter or digit. Saved with every index so queries are analysed exactly like documents.
/// </summary>
/// <param name="RemoveStopWords">Drop Lucene's English stop words.</param>
/// <param name="Stem">Apply our Porter stemmer to each token.</param>
/// <param name="NgramLength">1 for single words; 2 also emits adjacent pairs ("heart|failure") after stop-word removal.</param>
public sealed record AnalyzerOptions(bool RemoveStopWords = true, bool Stem = false, int NgramLength = 1)
{
    /// <summary>Joins the words of an n-gram; never inside a token because it is not a letter or digit.</summary>
    public const char NgramSeparator = '|';

    public static AnalyzerOptions Default { get; } = new();

    public void Validate()
    {
        if (NgramLength is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(NgramLength), NgramLength, "n-gram length must be 1, 2 or 3");
        }
    }
}
