namespace Recommend.Matching.Evaluation;

/// <summary>
/// Scores a run against judgements over every judged query (trec_eval's <c>-c</c>): a judged query
/// the run has no results for scores zero rather than dropping out of the mean.
/// </summary>
public sealed record EvaluationReport(IReadOnlyList<QueryResult> Queries)
{
    public double MeanNdcg10 => Queries.Count == 0 ? 0 : Queries.Average(q => q.Ndcg10);

    public double MeanRecall100 => Queries.Count == 0 ? 0 : Queries.Average(q => q.Recall100);

    public static EvaluationReport Of(IReadOnlyDictionary<string, IReadOnlyList<RankedDocument>> run, Qrels qrels)
    {
        var results = new List<QueryResult>(qrels.QueryCount);
        foreach (var (queryId, judgements) in qrels.Judgements.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            IReadOnlyList<RankedDocument> ranking = run.TryGetValue(queryId, out var ranked) ? ranked : [];
            results.Add(new QueryResult(queryId, TrecMetrics.NdcgAt(10, ranking, judgements), TrecMetrics.RecallAt(100, ranking, judgements)));
        }

        return new EvaluationReport(results);
    }

    /// <summary>The same measures restricted to some queries (a cross-validation fold).</summary>
    public EvaluationReport Subset(IReadOnlySet<string> queryIds) => new(Queries.Where(q => queryIds.Contains(q.QueryId)).ToList());
}
