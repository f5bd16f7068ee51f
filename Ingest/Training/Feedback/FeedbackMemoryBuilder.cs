using Recommend.Matching.Ranking.Learned;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// Gathers weighted evidence (<see cref="FeedbackWeighting"/>) into the memory a version carries:
/// one MiniLM vector and one answer (<see cref="FeedbackMemory.AnswerOf"/>) per distinct challenge, and per practice the evidence of each (challenge,
/// council) pair. Bounded: the <see cref="FeedbackMemory.MaxQuestions"/> challenges with the most
/// evidence, and per practice its <see cref="FeedbackMemory.MaxEntriesPerPractice"/> heaviest entries.
/// Silence (<see cref="FeedbackWeighting.Contribution.Silent"/>, already weighted) is remembered as
/// "not relevant" evidence: serving reads one net figure per practice and question.
/// </summary>
public static class FeedbackMemoryBuilder
{
    public static FeedbackMemory Build(IReadOnlyList<FeedbackWeighting.Contribution> contributions, Func<IReadOnlyList<string>, float[][]> embed, FeedbackUse use, Func<IReadOnlyList<string>, string[][]>? answer = null)
    {
        if (contributions.Count == 0)
        {
            return FeedbackMemory.Empty;
        }

        var questions = contributions
            .GroupBy(c => FeedbackMemory.KeyOf(c.Challenge), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Text: g.First().Challenge, Weight: g.Sum(c => c.Useful + c.NotRelevant + c.Silent)))
            .OrderByDescending(q => q.Weight)
            .ThenBy(q => q.Key, StringComparer.Ordinal)
            .Take(FeedbackMemory.MaxQuestions)
            .ToList();
        var position = questions.Select((q, i) => (q.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var vectors = embed([.. questions.Select(q => q.Text)]);

        var byPractice = contributions
            .Where(c => position.ContainsKey(FeedbackMemory.KeyOf(c.Challenge)))
            .GroupBy(c => c.PracticeId, StringComparer.Ordinal)
            .ToDictionary(
                p => p.Key,
                p => p.GroupBy(c => (Question: position[FeedbackMemory.KeyOf(c.Challenge)], c.Council))
                    .Select(e => new FeedbackEntry(e.Key.Question, e.Key.Council, (float)e.Sum(c => c.Useful), (float)e.Sum(c => c.NotRelevant + c.Silent)))
                    .OrderByDescending(e => e.Useful + e.NotRelevant)
                    .ThenBy(e => e.Question)
                    .Take(FeedbackMemory.MaxEntriesPerPractice)
                    .ToArray(),
                StringComparer.Ordinal);
        return new FeedbackMemory(vectors, [.. questions.Select(q => q.Key)], byPractice, use, answer?.Invoke([.. questions.Select(q => q.Text)]));
    }
}
