using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Ranking.Relevance;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// Chooses how a version reads its feedback (<see cref="FeedbackUse"/>) on the training queries, by
/// the criterion the relevance floor was calibrated with (<see cref="RelevanceCalibration.Utility"/>:
/// directly useful results shown in the top five minus twice the useless ones). Each training
/// query is served with its own challenge's feedback left out, so what is measured is what feedback
/// on other wordings tells about it, as for a new wording at serving time. Ties go to the smaller
/// shift: with no feedback near the training queries, feedback moves nothing.
/// </summary>
public static class FeedbackUseFit
{
    /// <summary>Cosines a remembered question must exceed to lend its evidence.</summary>
    public static IReadOnlyList<double> SimilarityGrid { get; } = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];

    /// <summary>
    /// How a question's weight rises above the similarity (<see cref="FeedbackUse.Ramp"/>): linearly (1,
    /// tried first so it wins ties), as a square root, or at once (0). Wordings of one need often sit
    /// only a little above the similarity that keeps unrelated questions out, where a linear ramp lends
    /// them a fifth of their evidence; which shape transfers best is the training queries' to say. No
    /// ramp lends more than a question's own evidence, so none gives a voice more than its one vote.
    /// </summary>
    public static IReadOnlyList<double> RampGrid { get; } = [1, 0.5, 0];

    /// <summary>
    /// The share of their answers two questions must have in common to lend by answer
    /// (<see cref="FeedbackUse.Overlap"/>); 1, tried first so it wins ties, lends by wording alone.
    /// </summary>
    public static IReadOnlyList<double> OverlapGrid { get; } = [1, 0.5, 0.3, 0.2];

    /// <summary>
    /// Log-odds per unit of net evidence. At most 2, so one anonymous client (at most
    /// <see cref="FeedbackWeighting.AnonymousTrust"/> of a vote per practice) moves a chance by at most half a unit of log-odds.
    /// </summary>
    public static IReadOnlyList<double> ShiftGrid { get; } = [0, 0.25, 0.5, 1, 2];

    /// <summary>No amount of feedback moves the floor's log-odds further than this either way.</summary>
    public const double MaxShift = 3;

    /// <summary>Below this chance from the text alone, feedback never lifts a practice: it tips plausible practices, it does not carry unrelated ones.</summary>
    public const double MinChance = 0.15;

    public sealed record Choice(FeedbackUse Use, UsefulnessReport Train, UsefulnessReport Without);

    public static Choice Choose(PracticeIndex index, RelevanceFloor floor, FeedbackMemory memory, IReadOnlyList<UsefulnessEvaluator.ScoredQuery> train, Qrels qrels, CancellationToken cancellationToken)
    {
        var withSemantic = index.IsHybrid;
        var model = withSemantic ? floor.Hybrid : floor.Lexical;
        var vectors = train.Select(q => index.EmbedQuestion(q.Request.Challenge)).ToList();
        var answers = train.Select((q, i) => FeedbackLearning.AnswerOf(index, q.Request.Challenge, vectors[i])).ToList();
        var without = Report(index, train, qrels, model, (_, _) => null);
        (Choice Choice, double Utility)? best = null;
        foreach (var similarity in SimilarityGrid)
        {
            foreach (var (ramp, overlap) in RampGrid.SelectMany(r => OverlapGrid.Select(o => (r, o))))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var lookups = train.Select((q, i) => memory.With(FeedbackUse.None with { Similarity = similarity, Ramp = ramp, Overlap = overlap }).For(vectors[i], FeedbackMemory.KeyOf(q.Request.Challenge), answers[i])).ToList();
                foreach (var shift in ShiftGrid)
                {
                    var use = new FeedbackUse(similarity, shift, MaxShift, MinChance, ramp, overlap);
                    var report = Report(index, train, qrels, model, (i, c) => use.Adjust(c.Relevance, lookups[i].Of(c.Practice.Id).Net));
                    var utility = Math.Round(RelevanceCalibration.Utility(report), 9);
                    if (best is null || utility > best.Value.Utility)
                    {
                        best = (new Choice(use, report, without), utility);
                    }
                }
            }
        }

        return best!.Value.Choice with { Use = best.Value.Choice.Use.FloorShift == 0 ? FeedbackUse.None : best.Value.Choice.Use };
    }

    private static UsefulnessReport Report(PracticeIndex index, IReadOnlyList<UsefulnessEvaluator.ScoredQuery> queries, Qrels qrels, LogisticModel model, Func<int, ScoredCandidate, double?> adjusted) =>
        new([.. queries.Select((q, i) =>
        {
            var chances = q.Scored.Candidates.Select(c => adjusted(i, c) ?? c.Relevance).ToList();
            var clearing = RelevanceFloor.Clearing(chances, model);
            var scored = q.Scored with { Candidates = [.. q.Scored.Candidates.Select((c, j) => c with { Relevance = chances[j], ClearsFloor = clearing[j] })] };
            var answer = PracticeRanker.Present(index, scored, q.Request, q.Council);
            return UsefulnessReport.Outcome(q.Query.Id, q.Query.Area, answer.Results.Select(r => r.Practice.Id), answer.Related.Select(r => r.Practice.Id), qrels.For(q.Query.Id));
        })]);
}
