using System.Globalization;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Relevance;

namespace Recommend.Ingest.Training;

/// <summary>
/// Serves judged challenges exactly as the recommender serves a user (the API's defaults, the
/// council resolved with its neighbours, the shipped relevance floor) and reads the answers against
/// the usefulness grades (<see cref="UsefulnessReport"/>); also calibrates the floor on the
/// training queries (<see cref="RelevanceCalibration"/>).
/// </summary>
public sealed class UsefulnessEvaluator(RankingEvaluator councils)
{
    /// <summary>One challenge scored once: the floor can then be varied without ranking it again.</summary>
    public sealed record ScoredQuery(JudgedQuery Query, NormalisedRequest Request, CouncilRankingContext? Council, ScoredCandidates Scored);

    public IReadOnlyList<ScoredQuery> Score(PracticeIndex index, PracticeRanker ranker, IEnumerable<JudgedQuery> queries, CancellationToken cancellationToken)
    {
        var scored = new List<ScoredQuery>();
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = NormalisedRequest.From(query.ToServedRequest(UsefulnessReport.Depth));
            var council = councils.Context(request.Council);
            scored.Add(new ScoredQuery(query, request, council, ranker.Score(index, request, council)));
        }

        return scored;
    }

    /// <summary>The answers as served (or, with <paramref name="model"/>, as they would be with that floor), graded.</summary>
    public static UsefulnessReport Report(PracticeIndex index, PracticeRanker ranker, IReadOnlyList<ScoredQuery> queries, Qrels qrels, LogisticModel? model = null) =>
        new([.. queries.Select(q =>
        {
            var answer = Answer(index, ranker, q, model);
            return UsefulnessReport.Outcome(q.Query.Id, q.Query.Area, answer.Results.Select(r => r.Practice.Id), answer.Related.Select(r => r.Practice.Id), qrels.For(q.Query.Id));
        })]);

    public static RecommendationResponse Answer(PracticeIndex index, PracticeRanker ranker, ScoredQuery query, LogisticModel? model = null)
    {
        var scored = query.Scored;
        if (model is not null)
        {
            var withSemantic = index.IsHybrid;
            var chances = scored.Candidates.Select(c => model.Probability(c.RelevanceFeatures.ToArray(withSemantic))).ToList();
            var clearing = RelevanceFloor.Clearing(chances, model);
            scored = scored with { Candidates = [.. scored.Candidates.Select((c, i) => c with { Relevance = chances[i], ClearsFloor = clearing[i] })] };
        }

        return PracticeRanker.Present(index, scored, query.Request, query.Council);
    }

    /// <summary>
    /// Fits one model of the floor on the training queries' judged candidates and chooses its
    /// threshold on their served answers; returns the model and how it does on them.
    /// </summary>
    public static (LogisticModel Model, UsefulnessReport Train, int Samples, IReadOnlyList<(double Threshold, UsefulnessReport Report)> Tried) Calibrate(PracticeIndex index, PracticeRanker ranker, IReadOnlyList<ScoredQuery> train, Qrels qrels)
    {
        var withSemantic = index.IsHybrid;
        var samples = train
            .SelectMany(q => q.Scored.Candidates
                .Where(c => qrels.For(q.Query.Id).ContainsKey(c.Practice.Id))
                .Select(c => new RelevanceCalibration.Sample(c.RelevanceFeatures.ToArray(withSemantic), qrels.For(q.Query.Id)[c.Practice.Id] == 2)))
            .ToList();
        var fitted = RelevanceCalibration.Fit(withSemantic ? RelevanceFeatures.HybridNames : RelevanceFeatures.LexicalNames, samples);
        var (threshold, top, report, tried) = RelevanceCalibration.ChooseThresholds((t, topT) => Report(index, ranker, train, qrels, fitted with { Threshold = t, TopThreshold = topT }));
        return (fitted with { Threshold = threshold, TopThreshold = top }, report, samples.Count, tried);
    }

    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
