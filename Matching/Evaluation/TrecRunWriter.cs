using System.Globalization;

namespace Recommend.Matching.Evaluation;

/// <summary>
/// Writes a TREC run (<c>qid Q0 docid rank score tag</c>), the input trec_eval reads, so any number
/// we report can be re-checked with the reference tool. Scores are written to round-trip, so ties
/// (and their byte-wise tie-break) survive the file.
/// </summary>
public static class TrecRunWriter
{
    public const int Depth = 100;

    public static void Write(TextWriter writer, string queryId, IEnumerable<RankedDocument> ranking, string tag, int depth = Depth)
    {
        var rank = 0;
        foreach (var document in TrecOrder.Sort(ranking).Take(depth))
        {
            rank++;
            writer.Write(queryId);
            writer.Write(" Q0 ");
            writer.Write(document.DocId);
            writer.Write(' ');
            writer.Write(rank.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(document.Score.ToString("R", CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.WriteLine(tag);
        }
    }
}
