using Recommend.Matching.Ranking.Reported;

namespace Recommend.Recommender.Reports;

/// <summary>
/// What councils reported with their keys, as this recommender last read it, swapped as a whole by
/// <see cref="CouncilReportsLoader"/>; reading it never waits. The generation changes whenever the
/// reports do and joins the ranking cache key, so a new report shows in the next answer rather than
/// after the cached one expires.
/// </summary>
public sealed class CouncilReports
{
    private ReportsSnapshot _current = new(ReportedAdoptions.None, "");

    public ReportsSnapshot Current => Volatile.Read(ref _current);

    public void Swap(ReportedAdoptions reports, string generation) => Volatile.Write(ref _current, new ReportsSnapshot(reports, generation));
}

/// <summary>The reports and their fingerprint, read together; the generation is empty while no council has reported anything (the cache key is then what it always was).</summary>
public sealed record ReportsSnapshot(ReportedAdoptions Reports, string Generation);
