using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;

namespace Recommend.Gateway.Browse;

/// <summary>What browsing needs of one practice: its summary for the list, its facets, its words for search, and what the evidence-gap map reads.</summary>
public sealed record BrowseEntry(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> ServiceAreas,
    int? EvidenceLevel,
    int? CostBand,
    IReadOnlyList<string> Countries,
    IReadOnlySet<string> TitleWords,
    IReadOnlySet<string> Words,
    EvidencePractice Evidence)
{
    public static BrowseEntry From(Practice practice) => new(
        practice.Id,
        practice.Title,
        practice.Summary,
        practice.ServiceAreas,
        practice.Evidence.Level,
        practice.Cost.Band,
        practice.EvidenceContext?.Countries ?? [],
        SearchWords.Of(practice.Title),
        SearchWords.Of($"{practice.Title} {practice.Summary} {practice.Description} {practice.Mechanism} {string.Join(' ', practice.Outcomes)}"),
        EvidencePractice.From(practice));

    public PracticeSummary ToSummary() => new(Id, Title, Summary, ServiceAreas, EvidenceLevel, CostBand, Countries);
}
