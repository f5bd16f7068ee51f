using Recommend.Contracts.Councils.Adoptions;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// A council's adoption of a practice, as the system knows it: from the catalogue's own records, or
/// reported by the council itself with its key (<see cref="FromReports"/>, outcome included). Claims
/// made without a key are never adoptions.
/// </summary>
/// <param name="CouncilCode">The council as the source names it (mySociety or GSS code); resolved against the council list.</param>
/// <param name="PracticeId">The practice's id.</param>
/// <param name="Source">One of <see cref="AdoptionSource"/>, or a new source's name.</param>
/// <param name="Year">The year adopted, when the source says.</param>
/// <param name="Status">The source's word for the adoption (piloted, running, ended), when it has one.</param>
/// <param name="Reports">How many records say so: 1 (one catalogue record, or the council's one report).</param>
/// <param name="Outcome">What the council reported happened, when the source knows; null otherwise.</param>
public sealed record ReportedAdoption(
    string CouncilCode,
    string PracticeId,
    string Source,
    int? Year = null,
    string? Status = null,
    long Reports = 1,
    string? Outcome = null)
{
    /// <summary>Every adopter with a council code in the practices' own records.</summary>
    public static IEnumerable<ReportedAdoption> FromCatalogue(IEnumerable<EvidencePractice> practices) =>
        practices.SelectMany(p => p.Adopters
            .Where(a => !string.IsNullOrWhiteSpace(a.CouncilCode))
            .Select(a => new ReportedAdoption(a.CouncilCode!.Trim(), p.Id, AdoptionSource.Catalogue, a.Year, a.Status)));

    /// <summary>
    /// What councils reported with their keys (practice id to reports): every council that tried the
    /// practice (piloted, adopted, scaled or stopped; not those still considering it), with its status,
    /// the year it started and its measured outcome in words.
    /// </summary>
    public static IEnumerable<ReportedAdoption> FromReports(IReadOnlyDictionary<string, IReadOnlyList<AdoptionReport>> reports) =>
        reports.Values.SelectMany(list => list)
            .Where(r => AdoptionStatus.Tried(r.Status))
            .Select(r => new ReportedAdoption(r.Council, r.PracticeId, AdoptionSource.Council, YearOf(r.Started), r.Status, Outcome: OutcomeText(r.Outcome)));

    private static int? YearOf(string? started) =>
        started is { Length: >= 4 } && int.TryParse(started[..4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) ? year : null;

    private static string? OutcomeText(ReportedOutcome? outcome) => outcome is null
        ? null
        : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{outcome.Measure}: {outcome.Before} before, {outcome.After} after ({outcome.Period}), {(outcome.Improved ? "an improvement" : "no improvement")}");
}
