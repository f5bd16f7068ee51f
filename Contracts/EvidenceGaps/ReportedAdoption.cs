namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// A council's adoption of a practice, as the system knows it. This is the seam for council-keyed
/// adoptions with outcomes: a source that knows what happened after adopting (the learning loop's
/// reports) adds rows with <see cref="Outcome"/> set and its own <see cref="Source"/> name, and the map
/// shows them beside the catalogue's and the feedback's without any other change.
/// </summary>
/// <param name="CouncilCode">The council as the source names it (mySociety or GSS code); resolved against the council list.</param>
/// <param name="PracticeId">The practice's id.</param>
/// <param name="Source">One of <see cref="AdoptionSource"/>, or a new source's name.</param>
/// <param name="Year">The year adopted, when the source says.</param>
/// <param name="Status">The source's word for the adoption (piloted, running, ended), when it has one.</param>
/// <param name="Reports">How many reports say so (feedback); 1 for a catalogue record.</param>
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
    /// The feedback adoptions hash (field "{practice id}|{COUNCIL}", value the count), as ingest's
    /// feedback handler writes it; a field of any other shape is skipped.
    /// </summary>
    public static IEnumerable<ReportedAdoption> FromFeedback(IEnumerable<KeyValuePair<string, long>> fields)
    {
        foreach (var (field, count) in fields)
        {
            var bar = field.LastIndexOf('|');
            if (bar > 0 && bar < field.Length - 1 && count > 0)
            {
                yield return new ReportedAdoption(field[(bar + 1)..], field[..bar], AdoptionSource.Feedback, Reports: count);
            }
        }
    }
}
