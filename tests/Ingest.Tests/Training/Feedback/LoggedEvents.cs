using Recommend.Contracts.Recommendations;
using Recommend.Ingest.Training.Feedback;

namespace Recommend.Ingest.Tests.Training.Feedback;

/// <summary>Feedback log entries for tests, in arrival order.</summary>
internal sealed class LoggedEvents
{
    private int _next = 1;

    public List<LoggedFeedback> All { get; } = [];

    public LoggedFeedback Add(string requestId, string practice, string signal, string challenge = "loneliness among older residents", int? rank = 1, string shownIn = LoggedFeedback.InResults, bool keyed = false, string? council = null, string? client = "c1")
    {
        var feedback = new LoggedFeedback($"{_next++}-0", requestId, practice, signal, council, new RecommendationRequest { Challenge = challenge }, rank, shownIn, keyed, client);
        All.Add(feedback);
        return feedback;
    }
}
