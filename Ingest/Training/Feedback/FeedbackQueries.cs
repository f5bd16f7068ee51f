using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking.Learned;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// Held-out queries from the feedback, for the publish gate beside the judged ones: each distinct
/// challenge councils gave feedback on (and that is not a judged training query: those trained the
/// model), graded by its own weighted feedback (net useful 2, net not relevant 0; the rest unjudged).
/// Every one is ranked with its own feedback left out, so the gate measures what the rest of the
/// log, and the model, tell about a question; at most <see cref="MaxQueries"/>, chosen by a hash.
/// </summary>
public static class FeedbackQueries
{
    public const int MaxQueries = 300;

    public static (IReadOnlyList<JudgedQuery> Queries, Qrels Qrels) From(IReadOnlyList<FeedbackWeighting.Contribution> contributions, IReadOnlyList<LoggedFeedback> events, IEnumerable<JudgedQuery> judgedTraining)
    {
        var trained = judgedTraining.Where(q => q.Challenge is not null).Select(q => FeedbackMemory.KeyOf(q.Challenge!)).ToHashSet(StringComparer.Ordinal);
        var requests = events.Where(e => e.Request?.Challenge is not null)
            .GroupBy(e => FeedbackMemory.KeyOf(e.Request!.Challenge!), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Request!).ToList(), StringComparer.Ordinal);
        var queries = new List<JudgedQuery>();
        var judgements = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var question in contributions.GroupBy(c => FeedbackMemory.KeyOf(c.Challenge), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (trained.Contains(question.Key) || !requests.TryGetValue(question.Key, out var asked))
            {
                continue;
            }

            var grades = question.GroupBy(c => c.PracticeId, StringComparer.Ordinal)
                .Select(p => (p.Key, Net: p.Sum(c => c.Useful - c.NotRelevant)))
                .Where(p => p.Net != 0)
                .ToDictionary(p => p.Key, p => p.Net > 0 ? 2 : 0, StringComparer.Ordinal);
            if (!grades.ContainsValue(2))
            {
                continue;
            }

            // The request most often asked with this challenge: its council and priorities.
            var request = asked.GroupBy(r => (r.Council ?? "").ToUpperInvariant()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().First();
            var id = $"feedback:{question.Key}";
            queries.Add(new JudgedQuery { Id = id, Challenge = request.Challenge, Council = request.Council, Priorities = request.Priorities });
            judgements[id] = grades;
        }

        var kept = queries.OrderBy(q => q.Id, StringComparer.Ordinal).Take(MaxQueries).ToList();
        return (kept, new Qrels(kept.ToDictionary(q => q.Id, q => judgements[q.Id], StringComparer.Ordinal)));
    }
}
