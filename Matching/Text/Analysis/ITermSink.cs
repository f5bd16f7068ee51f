namespace Recommend.Matching.Text.Analysis;

/// <summary>Receives the analyser's terms without allocating a string per term.</summary>
public interface ITermSink
{
    /// <param name="term">The indexed form (stemmed if stemming is on; n-grams joined by <see cref="AnalyzerOptions.NgramSeparator"/>).</param>
    /// <param name="words">1 for a word, 2 or 3 for an n-gram.</param>
    /// <param name="surface">For a word, its folded form before stemming (what a user typed); for an n-gram, the term itself.</param>
    void Accept(scoped ReadOnlySpan<char> term, int words, scoped ReadOnlySpan<char> surface);
}
