using Recommend.Contracts.Councils.Adoptions;

namespace Recommend.Matching.Ranking.Reported;

/// <summary>
/// What councils reported about practices with their keys, ready for ranking: per practice, the
/// councils running it (for "adopted by councils like yours") and the summary shown beside the
/// evidence level ("reported by N councils, M with a measured improvement, K stopped"). Reported
/// outcomes are a signal of their own (<see cref="OutcomeSignal"/>), never part of the evidence level:
/// a council's account of its own run is not an evaluation.
/// </summary>
public sealed class ReportedAdoptions
{
    public static readonly ReportedAdoptions None = new(new Dictionary<string, IReadOnlyList<AdoptionReport>>(), _ => null);

    private readonly Dictionary<string, IReadOnlyList<ReportedAdopter>> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReportedAdoptionSummary> _summaries = new(StringComparer.Ordinal);

    /// <param name="byPractice">Every report, by practice id.</param>
    /// <param name="councilName">The council's name for a code, or null when unknown (the code is shown then).</param>
    public ReportedAdoptions(IReadOnlyDictionary<string, IReadOnlyList<AdoptionReport>> byPractice, Func<string, string?> councilName)
    {
        foreach (var (practiceId, reports) in byPractice)
        {
            _summaries[practiceId] = ReportedAdoptionSummary.Of(reports);
            var running = reports.Where(r => AdoptionStatus.Running(r.Status))
                .Select(r => new ReportedAdopter(r.Council, councilName(r.Council) ?? r.Council, r.Status, r.Started))
                .ToList();
            if (running.Count > 0)
            {
                _running[practiceId] = running;
            }
        }
    }

    public int Practices => _summaries.Count;

    public ReportedAdoptionSummary SummaryOf(string practiceId) => _summaries.GetValueOrDefault(practiceId) ?? ReportedAdoptionSummary.None;

    /// <summary>The councils that reported running the practice, for "adopted by councils like yours".</summary>
    public IReadOnlyList<ReportedAdopter> RunningAdopters(string practiceId) => _running.GetValueOrDefault(practiceId) ?? [];

    /// <summary>
    /// -1..1: measured improvements count for a practice, councils stopping it against, shrunk toward 0
    /// while few councils have reported (two imaginary councils with no outcome), so one report moves
    /// little and many agreeing reports move more.
    /// </summary>
    public double OutcomeSignal(string practiceId) => _summaries.TryGetValue(practiceId, out var summary)
        ? (summary.Improved - summary.Stopped) / (summary.Councils + 2.0)
        : 0;
}
