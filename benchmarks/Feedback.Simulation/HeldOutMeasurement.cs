extern alias IngestApp;

using IngestApp::Recommend.Ingest.Training;
using Recommend.Matching.Evaluation;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// What the app serves for the held-out wordings, asked through the API as a council would (the
/// wording's council and priorities, the API's defaults otherwise, limit 10), read against their grades:
/// directly useful results in the top five (P@5, divided by 5 whatever was shown), useless results in
/// the top five (graded 0 or never graded), nDCG@10 over the results shown, and whether any hostile
/// client's target reached a top five.
/// </summary>
public static class HeldOutMeasurement
{
    public sealed record QueryFigures(string QueryId, double PrecisionAt5, int Useless, int Shown, double Ndcg10, int HostileInTop5);

    public sealed record Figures(string Label, string IndexVersion, int Events, IReadOnlyList<QueryFigures> Queries)
    {
        public double PrecisionAt5 => Queries.Count == 0 ? 0 : Queries.Average(q => q.PrecisionAt5);

        public int Useless => Queries.Sum(q => q.Useless);

        public int Shown => Queries.Sum(q => q.Shown);

        public double Ndcg10 => Queries.Count == 0 ? 0 : Queries.Average(q => q.Ndcg10);

        public int HostileInTop5 => Queries.Sum(q => q.HostileInTop5);

        public Figures Where(IReadOnlySet<string> ids) => this with { Queries = [.. Queries.Where(q => ids.Contains(q.QueryId))] };
    }

    public static async Task<Figures> MeasureAsync(string label, int events, GatewayClient client, IReadOnlyList<JudgedQuery> wordings, Qrels qrels, IReadOnlySet<string> hostileTargets, CancellationToken cancellationToken)
    {
        var figures = new List<QueryFigures>();
        var version = "";
        foreach (var wording in wordings)
        {
            var response = await client.RecommendAsync(wording.ToServedRequest(10), cancellationToken)
                ?? throw new InvalidOperationException($"The gateway did not answer held-out wording {wording.Id}.");
            version = response.IndexVersion;
            var judged = qrels.For(wording.Id);
            var top5 = response.Results.Take(5).Select(r => r.Practice.Id).ToList();
            figures.Add(new QueryFigures(
                wording.Id,
                top5.Count(id => judged.GetValueOrDefault(id) == 2) / 5.0,
                top5.Count(id => judged.GetValueOrDefault(id) == 0),
                top5.Count,
                TrecMetrics.NdcgAt(10, response.Results.Select((r, i) => new RankedDocument(r.Practice.Id, -i)), judged),
                top5.Count(hostileTargets.Contains)));
        }

        return new Figures(label, version, events, figures);
    }
}
