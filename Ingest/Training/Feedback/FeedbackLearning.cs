using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using StackExchange.Redis;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// What retraining learns from the feedback log: the events read, de-duplicated, weighted
/// (<see cref="FeedbackWeighting"/>) with position propensities estimated from the log
/// (<see cref="PositionPropensity"/>), gathered into the memory a version carries.
/// </summary>
public sealed record FeedbackLearning(
    FeedbackMemory Memory,
    PositionPropensity Propensity,
    IReadOnlyList<LoggedFeedback> Events,
    IReadOnlyList<FeedbackWeighting.Contribution> Contributions,
    int LoggedEvents)
{
    public static FeedbackLearning None { get; } = new(FeedbackMemory.Empty, PositionPropensity.None, [], [], 0);

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
        var contributions = FeedbackWeighting.Weigh(events, propensity);
        var memory = FeedbackMemoryBuilder.Build(contributions, texts => [.. texts.Select(t => index.EmbedQuestion(t) ?? [])], FeedbackUse.None);
        return new FeedbackLearning(memory, propensity, events, contributions, logged.Count);
    }
}
