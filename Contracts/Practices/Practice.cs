namespace Recommend.Contracts.Practices;

/// <summary>
/// A practice as stored in the catalogue and in Redis. Field names follow the catalogue's JSON
/// schema (data/catalogue/practice.schema.json); null means "not verified", never zero.
/// Lists have setters, not init: the JSON source generator leaves an absent init-only list null.
/// </summary>
public sealed record Practice
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required string Description { get; init; }
    public required string Source { get; init; }
    public required string SourceUrl { get; init; }

    /// <summary>"specific" when source_url is the page that carries the cited facts; "general" when it is only the organisation's site.</summary>
    public string SourceUrlKind { get; init; } = SourceUrlKinds.Specific;

    /// <summary>Further pages that carry figures or claims the main source does not.</summary>
    public List<SourceReference> MoreSources { get; set; } = [];
    public required string PracticeType { get; init; }
    public List<string> ServiceAreas { get; set; } = [];
    public List<string> Outcomes { get; set; } = [];

    /// <summary>
    /// Problems a council would describe when this practice is the answer, in a council's words ("too
    /// many patients wait in hospital for home care"). Challenges name problems while practices are
    /// written as solutions; these close that gap for the text match. Never shown as evidence.
    /// </summary>
    public List<string> Problems { get; set; } = [];
    public PracticePopulation? Population { get; init; }
    public required Evidence Evidence { get; init; }
    public required Cost Cost { get; init; }
    public Implementation? Implementation { get; init; }
    public string? Mechanism { get; init; }
    public string? Moderators { get; init; }
    public EvidenceContext? EvidenceContext { get; init; }
    public List<Adopter> Adopters { get; set; } = [];
    public List<string> Audiences { get; set; } = [];
}

public sealed record PracticePopulation
{
    public int? AgeMin { get; init; }
    public int? AgeMax { get; init; }
    public List<string> Groups { get; set; } = [];
    public string? NeedLevel { get; init; }
}

/// <summary>
/// Evidence strength on the Nesta Standards of Evidence (1-5) plus the source's own rating. The level
/// follows from rating_scale and rating_grade by data/catalogue/evidence-mapping.json; where it does
/// not, level_reason says why in words a reader can check.
/// </summary>
public sealed record Evidence
{
    public int? Level { get; init; }
    public string? SourceRating { get; init; }
    public string? RatingScale { get; init; }
    public string? RatingGrade { get; init; }
    public string? LevelReason { get; init; }
    public string EffectDirection { get; init; } = "unknown";
    public double? EffectSize { get; init; }
    public string? EffectMeasure { get; init; }
    public int? MonthsProgress { get; init; }
    public int? NStudies { get; init; }
    public bool? UkEvidence { get; init; }
    public string? ReviewedOn { get; init; }
    public string? Notes { get; init; }
}

public sealed record Cost
{
    public int? Band { get; init; }
    public double? UnitCostMin { get; init; }
    public double? UnitCostMax { get; init; }
    public string? Basis { get; init; }
}

public sealed record Implementation
{
    public string? Workforce { get; init; }
    public int? SetupMonths { get; init; }
    public List<string> Settings { get; set; } = [];
}

/// <summary>Where the practice was shown to work: the context a council's profile is compared with.</summary>
public sealed record EvidenceContext
{
    public List<string> Countries { get; set; } = [];
    public List<string> GovernanceTypes { get; set; } = [];
    public List<string> RuralUrban { get; set; } = [];
    public List<int> DeprivationQuintiles { get; set; } = [];
    public List<string> PopulationBands { get; set; } = [];
}

/// <summary>A further page behind some of a practice's figures or claims; supports says which.</summary>
public sealed record SourceReference
{
    public required string Source { get; init; }
    public required string Url { get; init; }
    public string? Supports { get; init; }
}

public sealed record Adopter
{
    public string? CouncilCode { get; init; }
    public required string CouncilName { get; init; }
    public int? Year { get; init; }
    public string? Status { get; init; }
}
