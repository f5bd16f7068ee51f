namespace Recommend.Gateway.Browse;

/// <summary>One page of the catalogue, with how many practices match and the facet counts.</summary>
public sealed record BrowseResponse(
    int Total,
    int Offset,
    int Limit,
    string? IndexVersion,
    IReadOnlyList<PracticeSummary> Items,
    BrowseFacets Facets);

/// <summary>A practice in a list: enough to choose which one to open (GET /api/v1/practices/{id}).</summary>
public sealed record PracticeSummary(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> ServiceAreas,
    int? EvidenceLevel,
    int? CostBand,
    IReadOnlyList<string> Countries);

/// <summary>
/// Counts per value. Each facet counts the practices that pass every other filter, so a chosen
/// area still shows how many the other areas would give ("unknown" is a level or band nobody rated).
/// </summary>
public sealed record BrowseFacets(
    IReadOnlyList<FacetCount> Area,
    IReadOnlyList<FacetCount> EvidenceLevel,
    IReadOnlyList<FacetCount> CostBand);

public sealed record FacetCount(string Value, int Count);
