namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// The evidence-gap map: per service area, the kinds of place (cells) its residents live in, and which
/// level 3+ practices have evidence from each. Councils and practices are listed once, by code and id
/// (every level 3+ practice of the areas asked for, and every adopted one), and cells name them, so the
/// whole map stays small enough for one page.
/// </summary>
public sealed record EvidenceGapReport(
    string Method,
    int MinEvidenceLevel,
    int CouncilsLoaded,
    IReadOnlyList<string> Notes,
    IReadOnlyList<AreaGaps> Areas,
    IReadOnlyDictionary<string, GapCouncil> Councils,
    IReadOnlyDictionary<string, GapPractice> Practices);

/// <summary>One service area: who runs it, how many residents live where no level 3+ evidence comes from a place like theirs.</summary>
public sealed record AreaGaps(
    string Area,
    string RunBy,
    int Councils,
    long Residents,
    long ResidentsWithoutSimilarEvidence,
    double ShareWithoutSimilarEvidence,
    long ResidentsWithNationEvidenceOnly,
    double ShareWithNationEvidenceOnly,
    long ResidentsWithoutUkEvidence,
    double ShareWithoutUkEvidence,
    int PracticesAtLevel,
    int PracticesWithStatedContext,
    IReadOnlyList<CellGaps> Cells);

/// <summary>One kind of place in one area: its councils and residents, the practices with evidence from there, and what its councils adopted.</summary>
public sealed record CellGaps(
    string Key,
    string Label,
    string Nation,
    string Tier,
    string RuralUrban,
    string DeprivationBand,
    IReadOnlyList<string> CouncilCodes,
    long Residents,
    IReadOnlyList<string> SimilarPracticeIds,
    int NationOnlyPractices,
    string PracticesUrl,
    IReadOnlyList<GapAdoption> Adoptions);

public sealed record GapCouncil(string Name, string GssCode, string GovernanceType, int? Population);

/// <summary>A practice the map names (with evidence from a cell, or adopted by a cell's council): what it is and what its evidence context states.</summary>
public sealed record GapPractice(string Title, int? EvidenceLevel, IReadOnlyList<string> ServiceAreas, IReadOnlyList<string> Countries, bool ContextStated);

/// <summary>An adoption by one of a cell's councils of a practice in the area (any evidence level).</summary>
public sealed record GapAdoption(string CouncilCode, string PracticeId, string Source, int? Year, string? Status, long Reports, string? Outcome);
