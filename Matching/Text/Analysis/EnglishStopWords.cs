using System.Collections.Frozen;

namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// Lucene's English stop-word set (StopAnalyzer.ENGLISH_STOP_WORDS_SET): short on purpose, so
/// words such as "not" or "no" that matter to claims still count only where Lucene drops them too,
/// which keeps our BM25 comparable with published Lucene/Anserini baselines.
/// </summary>
public static class EnglishStopWords
{
    public static IReadOnlyList<string> Lucene { get; } =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
        "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they",
        "this", "to", "was", "will", "with",
    ];

    private static readonly FrozenSet<string> Set = Lucene.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(ReadOnlySpan<char> token) => SpanLookup.Contains(token);
}
