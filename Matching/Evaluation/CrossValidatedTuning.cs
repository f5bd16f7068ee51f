namespace Recommend.Matching.Evaluation;

/// <summary>
/// k-fold model selection: every candidate is evaluated once on all judged queries; for each fold
/// the candidate with the best mean nDCG@10 on the other folds is picked and reported on the fold
/// it did not see. The held-out results of all folds together are the honest estimate.
/// </summary>
public sealed record CrossValidatedTuning(IReadOnlyList<FoldResult> Folds, EvaluationReport HeldOut, string BestOverall, EvaluationReport BestOverallReport)
{
    public static CrossValidatedTuning Run(IReadOnlyList<(string Label, EvaluationReport Report)> evaluated, IReadOnlyList<IReadOnlySet<string>> folds)
    {
        if (evaluated.Count == 0)
        {
            throw new ArgumentException("Nothing to tune.", nameof(evaluated));
        }

        var foldResults = new List<FoldResult>();
        var heldOut = new List<QueryResult>();
        for (var f = 0; f < folds.Count; f++)
        {
            var test = folds[f];
            var bestLabel = "";
            EvaluationReport? best = null;
            var bestTrain = double.NegativeInfinity;
            foreach (var (label, report) in evaluated)
            {
                var train = report.Queries.Where(q => !test.Contains(q.QueryId)).Select(q => q.Ndcg10).DefaultIfEmpty(0).Average();
                // Strictly greater: on a tie the earlier (simpler, listed first) candidate stays.
                if (train > bestTrain)
                {
                    bestTrain = train;
                    bestLabel = label;
                    best = report;
                }
            }

            var held = best!.Subset(test);
            heldOut.AddRange(held.Queries);
            foldResults.Add(new FoldResult(f + 1, held.Queries.Count, bestLabel, bestTrain, held.MeanNdcg10, held.MeanRecall100));
        }

        var overall = evaluated.MaxBy(e => e.Report.MeanNdcg10);
        return new CrossValidatedTuning(foldResults, new EvaluationReport(heldOut), overall.Label, overall.Report);
    }
}
