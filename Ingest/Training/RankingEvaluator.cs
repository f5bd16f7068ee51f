using Recommend.Contracts.Councils;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;

namespace Recommend.Ingest.Training;

/// <summary>
/// Runs judged queries through the recommender's own ranking (<see cref="PracticeRanker.Score"/>,
/// before diversity and paging) and scores the result with the trec metrics, or turns them into
/// training rows for the reranker. Councils resolve as the recommender resolves them.
/// </summary>
public sealed class RankingEvaluator(IReadOnlyList<CouncilProfile> councils)
{
    /// <summary>How deep a run goes: Recall@100 needs 100.</summary>
    public const int Depth = 100;

    private readonly PracticeRanker _ranker = new();
    private readonly CouncilDirectory _directory = new(councils);
    private readonly SimilarCouncils _similar = new(councils);

    /// <summary>The council codes a judgment set may name.</summary>
    public bool Knows(string code) => _directory.Find(code) is not null;

    /// <summary>
    /// Ranks each query as the recommender would and scores the run; <paramref name="leaveOutOwnFeedback"/>
    /// ignores the feedback given on each query's own challenge (retraining's held-out comparison).
    /// </summary>
    public EvaluationReport Evaluate(PracticeIndex index, IReadOnlyList<JudgedQuery> queries, Qrels qrels, bool useReranker, CancellationToken cancellationToken, bool leaveOutOwnFeedback = false)
    {
        var run = new Dictionary<string, IReadOnlyList<RankedDocument>>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var scored = Score(index, query, useReranker, leaveOutOwnFeedback);
            run[query.Id] = [.. scored.Candidates
                .OrderByDescending(c => c.Score)
                .ThenBy(c => c.Practice.Id, StringComparer.Ordinal)
                .Take(Depth)
                .Select(c => new RankedDocument(c.Practice.Id, c.Score))];
        }

        return EvaluationReport.Of(run, new Qrels(queries.ToDictionary(q => q.Id, q => qrels.For(q.Id), StringComparer.Ordinal)));
    }

    /// <summary>A query's candidates as the recommender scores them, with their features.</summary>
    public ScoredCandidates Candidates(PracticeIndex index, JudgedQuery query, bool useReranker, bool leaveOutOwnFeedback = false) => Score(index, query, useReranker, leaveOutOwnFeedback);

    /// <summary>Every candidate of every query as a row: its grade (0 when unjudged), the query's position as its group, its features.</summary>
    public static List<TrainingRow> TrainingRows(IReadOnlyList<JudgedQuery> queries, IReadOnlyList<ScoredCandidates> candidates, Qrels qrels)
    {
        var rows = new List<TrainingRow>();
        for (var i = 0; i < queries.Count; i++)
        {
            var judged = qrels.For(queries[i].Id);
            rows.AddRange(candidates[i].Candidates.Select(c => new TrainingRow(judged.GetValueOrDefault(c.Practice.Id), (uint)i, c.Features)));
        }

        return rows;
    }

    /// <summary>nDCG@10 of one query's candidates ordered by the given score.</summary>
    public static double Ndcg10(ScoredCandidates candidates, Func<ScoredCandidate, double> score, IReadOnlyDictionary<string, int> judged) =>
        TrecMetrics.NdcgAt(10, candidates.Candidates
            .Select(c => new RankedDocument(c.Practice.Id, score(c)))
            .OrderByDescending(d => d.Score)
            .ThenBy(d => d.DocId, StringComparer.Ordinal)
            .Take(Depth), judged);

    private ScoredCandidates Score(PracticeIndex index, JudgedQuery query, bool useReranker, bool leaveOutOwnFeedback)
    {
        var request = NormalisedRequest.From(query.ToRequest());
        return _ranker.Score(index, request, Context(request.Council), useReranker, leaveOutOwnFeedback: leaveOutOwnFeedback);
    }

    /// <summary>A council as the recommender resolves it for ranking: its profile and nearest neighbours; null when unknown or not given.</summary>
    public CouncilRankingContext? Context(string? code)
    {
        if (code is null || _directory.Find(code) is not { } council)
        {
            return null;
        }

        var neighbours = _similar.Nearest(council, ContextMatcher.LooseNeighbourRank);
        return new CouncilRankingContext(
            CouncilContext.From(council),
            neighbours.Select((n, i) => (n.Council.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank, StringComparer.OrdinalIgnoreCase),
            [.. neighbours.Take(5).Select(n => n.Council.Name)]);
    }
}
