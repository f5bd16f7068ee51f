using System.Text.Json.Serialization;

namespace Recommend.Contracts.Recommendations;

/// <summary>
/// What a portal asks: the challenge in the council's own words, and optionally who the council
/// is (a code, or its profile fields given directly), its priorities, constraints, audience,
/// paging and weight overrides. Only <see cref="Challenge"/> is required. Wire format: snake_case JSON.
/// </summary>
public sealed record RecommendationRequest
{
    public string? Challenge { get; init; }

    /// <summary>mySociety 3-letter code (e.g. "CON") or GSS code (e.g. "E06000052").</summary>
    public string? Council { get; init; }

    /// <summary>Profile fields for a council that is not in the list, or to override its listed facts.</summary>
    public CouncilProfileRequest? Profile { get; init; }

    /// <summary>Service areas, as plain names or as { "area": ..., "weight": ... }.</summary>
    public List<PriorityRequest>? Priorities { get; init; }

    public ConstraintsRequest? Constraints { get; init; }

    /// <summary>executive, commissioner, manager or frontline.</summary>
    public string? Audience { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }

    /// <summary>Overrides of the configured score weights, each within its documented bounds.</summary>
    public WeightsRequest? Weights { get; init; }

    /// <summary>0 = pure relevance order, 1 = as varied as possible (maximal marginal relevance).</summary>
    public double? Diversity { get; init; }
}

public sealed record CouncilProfileRequest
{
    public string? GovernanceType { get; init; }
    public string? Nation { get; init; }
    public string? Region { get; init; }
    public int? Population { get; init; }
    public string? RuralUrban { get; init; }
    public int? DeprivationDecile { get; init; }
}

[JsonConverter(typeof(PriorityRequestJsonConverter))]
public sealed record PriorityRequest(string Area, double Weight = 1.0);

public sealed record ConstraintsRequest
{
    /// <summary>1 (very low) to 5 (very high): practices costing more are left out.</summary>
    public int? MaxCostBand { get; init; }

    /// <summary>1 to 5 (Nesta): practices with weaker or unrated evidence are left out.</summary>
    public int? MinEvidenceLevel { get; init; }

    /// <summary>low, medium or high: how much the council can take on; low favours cheap, quick-to-start practices.</summary>
    public string? Capacity { get; init; }
}

public sealed record WeightsRequest
{
    public double? Text { get; init; }
    public double? Context { get; init; }
    public double? Evidence { get; init; }
    public double? Cost { get; init; }
    public double? Priority { get; init; }
}
