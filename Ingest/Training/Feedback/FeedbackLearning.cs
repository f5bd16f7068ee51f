using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using StackExchange.Redis;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// What retraining learns from the feedback log: the events read, de-duplicated, weighted
/// (<see cref="FeedbackWeighting"/>) with position propensities estimated from the log
/// (<see cref="PositionPropensity"/>), the practices readers passed over in silence
/// (<see cref="SilentNegatives"/>, from what each engaged answer showed), gathered into the memory a
/// version carries with silence weighed by <paramref name="SilentWeight"/> (<see cref="WithSilentWeight"/>).
/// </summary>
public sealed record FeedbackLearning(
    FeedbackMemory Memory,
    PositionPropensity Propensity,
    IReadOnlyList<LoggedFeedback> Events,
    IReadOnlyList<FeedbackWeighting.Contribution> Contributions,
    int LoggedEvents,
    IReadOnlyList<SilentNegatives.Observation> Silent,
    double SilentWeight,
    int AnswersShownKnown,
    Func<IReadOnlyList<string>, float[][]> Embed,
    Func<IReadOnlyList<string>, string[][]>? Answer = null)
{
    public static FeedbackLearning None { get; } = new(FeedbackMemory.Empty, PositionPropensity.None, [], [], 0, [], 0, 0, _ => []);

    /// <summary>The same log learned with silence weighing <paramref name="silentWeight"/> (f, see <see cref="FeedbackWeighting"/>).</summary>
    public FeedbackLearning WithSilentWeight(double silentWeight)
    {
        var contributions = FeedbackWeighting.Weigh(Events, Propensity, Silent, silentWeight);
        var memory = FeedbackMemoryBuilder.Build(contributions, Embed, FeedbackUse.None, Answer);
        return this with { Memory = memory, Contributions = contributions, SilentWeight = silentWeight };
    }

    public int Speakers => Contributions.Select(c => c.Speaker).Distinct(StringComparer.Ordinal).Count();

    public int KeyedEvents => Events.Count(e => e.Keyed);

    /// <summary>
    /// Reads the log and learns from it. How many results each answer showed (for the propensities)
    /// is what <paramref name="index"/> shows for its request now: the floor reads the challenge's text
    /// and the filters, not the council, so one ranking per distinct challenge and filters suffices.
    /// </summary>
    public static async Task<FeedbackLearning> ReadAsync(IDatabase db, PracticeIndex index, PracticeRanker ranker, CancellationToken cancellationToken)
    {
        var logged = await FeedbackLogReader.ReadAsync(db, cancellationToken);
        var events = FeedbackWeighting.Deduplicate(logged);
        var shownByRequest = new Dictionary<string, (int, int)?>(StringComparer.Ordinal);
        var shownByQuestion = new Dictionary<string, (int, int)?>(StringComparer.Ordinal);
        foreach (var answer in events.GroupBy(e => e.RequestId, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = answer.Select(e => e.Request).FirstOrDefault(r => r is not null);
            if (request is null || RecommendationRequestValidator.Validate(request).Count > 0)
            {
                shownByRequest[answer.Key] = null;
                continue;
            }

            var normalised = NormalisedRequest.From(request with { Council = null, Weights = null });
            var question = $"{normalised.Challenge}|{normalised.MaxCostBand}|{normalised.MinEvidenceLevel}|{normalised.Offset}|{normalised.Limit}";
            if (!shownByQuestion.TryGetValue(question, out var shown))
            {
                var answered = PracticeRanker.Present(index, ranker.Score(index, normalised, useReranker: false), normalised);
                shown = (answered.Results.Count, answered.Related.Count);
                shownByQuestion[question] = shown;
            }

            shownByRequest[answer.Key] = shown;
        }

        var propensity = PositionPropensity.Estimate(events, id => shownByRequest.GetValueOrDefault(id));
        var answers = await SilentNegatives.ReadShownAsync(db, [.. events.Where(e => !e.NotShown && (e.Rank is not null || e.ShownIn == LoggedFeedback.InRelated)).Select(e => e.RequestId).Distinct(StringComparer.Ordinal)], cancellationToken);
        var silent = SilentNegatives.Infer(events, id => answers.GetValueOrDefault(id), propensity);

        // Questions are embedded and answered once, however many silent weights retraining tries.
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var answerOf = new Dictionary<string, string[]>(StringComparer.Ordinal);
        float[] VectorOf(string text) => vectors.TryGetValue(text, out var v) ? v : (vectors[text] = index.EmbedQuestion(text) ?? []);
        float[][] EmbedOnce(IReadOnlyList<string> texts) => [.. texts.Select(VectorOf)];
        string[][] AnswerOnce(IReadOnlyList<string> texts) => [.. texts.Select(t => answerOf.TryGetValue(t, out var a) ? a : (answerOf[t] = AnswerOf(index, t, VectorOf(t))))];
        return new FeedbackLearning(FeedbackMemory.Empty, propensity, events, [], logged.Count, silent, 0, answers.Count, EmbedOnce, AnswerOnce).WithSilentWeight(0);
    }

    /// <summary>A question's answer as the memory compares it (<see cref="FeedbackMemory.AnswerOf"/>): its best text matches from the candidates the ranker draws.</summary>
    public static string[] AnswerOf(PracticeIndex index, string challenge, float[]? vector) =>
        FeedbackMemory.AnswerOf(index.MatchQuestion(challenge, PracticeRanker.CandidatePoolSize, vector is { Length: > 0 } ? vector : null).Matches.Select(m => index.Practices[m.Doc].Id));
}
