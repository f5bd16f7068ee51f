namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>
/// "Reported by N councils (M with a measured improvement, K stopped)": what councils said about one
/// practice, shown beside the formal evidence level and never mixed into it (a council's own report is
/// not an evaluation). <see cref="Councils"/> counts those that tried it (piloted, adopted, scaled or
/// stopped); councils still considering it are counted apart.
/// </summary>
public sealed record ReportedAdoptionSummary(int Councils, int Improved, int Stopped, int Considering)
{
    public static readonly ReportedAdoptionSummary None = new(0, 0, 0, 0);

    public static ReportedAdoptionSummary Of(IEnumerable<AdoptionReport> reports)
    {
        int councils = 0, improved = 0, stopped = 0, considering = 0;
        foreach (var report in reports)
        {
            if (report.Status == AdoptionStatus.Considering)
            {
                considering++;
                continue;
            }

            councils++;
            improved += report.Outcome?.Improved == true ? 1 : 0;
            stopped += report.Status == AdoptionStatus.Stopped ? 1 : 0;
        }

        return new(councils, improved, stopped, considering) { Text = Sentence(councils, improved, stopped) };
    }

    /// <summary>The sentence the page and the explanations show; null when no council has tried it.</summary>
    public string? Text { get; init; }

    private static string? Sentence(int councils, int improved, int stopped) => councils == 0
        ? null
        : $"Reported by {councils} council{(councils == 1 ? "" : "s")} ({improved} with a measured improvement, {stopped} stopped)";
}
