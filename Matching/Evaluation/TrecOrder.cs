
namespace Recommend.Matching.Evaluation;

/// <summary>
/// The order trec_eval puts a run in before measuring, whatever order the system wrote it in:
/// score descending, then document id descending compared byte-wise (strcmp on UTF-8). Measuring
/// in any other order would make our numbers disagree with trec_eval on ties.
/// </summary>
public static class TrecOrder
{
    public static RankedDocument[] Sort(IEnumerable<RankedDocument> run)
    {
        var sorted = run.ToArray();
        Array.Sort(sorted, Compare);
        return sorted;
    }

    public static int Compare(RankedDocument x, RankedDocument y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : CompareUtf8(y.DocId, x.DocId);
    }

    /// <summary>
    /// strcmp order of the UTF-8 bytes, which is code-point order; UTF-16 ordinal order differs from it
    /// only around surrogates, so compare by rune.
    /// </summary>
    public static int CompareUtf8(string x, string y)
    {
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft ? 1 : hasRight ? -1 : 0;
            }

            var byRune = left.Current.Value.CompareTo(right.Current.Value);
            if (byRune != 0)
            {
                return byRune;
            }
        }
    }
}
