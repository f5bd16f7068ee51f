namespace Recommend.Matching.Evaluation;

/// <summary>
/// nDCG@k and Recall@k exactly as trec_eval computes <c>ndcg_cut.k</c> and <c>recall.k</c>: the run
/// is first put in <see cref="TrecOrder"/>; gain is the judgement value; the discount is
/// 1/log2(rank+1); the ideal ranking uses every positive judgement of the query; unjudged documents
/// gain nothing; a document is relevant for recall when judged 1 or more.
/// </summary>
public static class TrecMetrics
{
    public static double NdcgAt(int k, IEnumerable<RankedDocument> run, IReadOnlyDictionary<string, int> judgements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var ideal = IdealDcg(k, judgements);
        if (ideal == 0)
        {
            return 0;
        }

        var dcg = 0.0;
        var rank = 0;
        foreach (var document in TrecOrder.Sort(run))
        {
            if (++rank > k)
            {
                break;
            }

            if (judgements.TryGetValue(document.DocId, out var gain) && gain > 0)
            {
                dcg += gain / Math.Log2(rank + 1);
            }
        }

        return dcg / ideal;
    }

    public static double RecallAt(int k, IEnumerable<RankedDocument> run, IReadOnlyDictionary<string, int> judgements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var relevant = judgements.Count(j => j.Value >= 1);
        if (relevant == 0)
        {
            return 0;
        }

        var found = TrecOrder.Sort(run).Take(k).Count(d => judgements.TryGetValue(d.DocId, out var value) && value >= 1);
        return (double)found / relevant;
    }

    private static double IdealDcg(int k, IReadOnlyDictionary<string, int> judgements)
    {
        var gains = judgements.Values.Where(v => v > 0).OrderDescending().Take(k).ToArray();
        var ideal = 0.0;
        for (var i = 0; i < gains.Length; i++)
        {
            ideal += gains[i] / Math.Log2(i + 2);
        }

        return ideal;
    }
}
