using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Recommendations;

/// <summary>
/// The edge check for recommendation requests, shared by the gateway (public) and the recommender
/// (internal) so both refuse the same things with the same words. Keys are snake_case field paths;
/// every message about a closed set lists the allowed values.
/// </summary>
public static class RecommendationRequestValidator
{
    public const int MaxChallengeLength = 4000;
    public const int MinChallengeLength = 3;
    public const int MaxLimit = 50;
    public const int DefaultLimit = 10;
    public const int MaxOffset = 200;
    public const double MaxPriorityWeight = 10;
    public const double DefaultDiversity = 0.3;

    public static readonly IReadOnlyList<string> Capacities = ["low", "medium", "high"];
    public static readonly IReadOnlyList<string> Nations = [Nation.England, Nation.Scotland, Nation.Wales, Nation.NorthernIreland];

    public static Dictionary<string, string[]> Validate(RecommendationRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (request is null)
        {
            Fail("body", "A JSON object with at least 'challenge' is required.");
            return errors;
        }

        var challenge = request.Challenge?.Trim();
        if (string.IsNullOrEmpty(challenge))
        {
            Fail("challenge", "Describe the challenge in a few words, e.g. 'reduce loneliness among older residents'.");
        }
        else if (challenge.Length < MinChallengeLength || challenge.Length > MaxChallengeLength)
        {
            Fail("challenge", $"Must be {MinChallengeLength}-{MaxChallengeLength} characters (was {challenge.Length}).");
        }

        if (request.Limit is { } limit && (limit < 1 || limit > MaxLimit))
        {
            Fail("limit", $"Must be between 1 and {MaxLimit} (was {limit}).");
        }

        if (request.Offset is { } offset && (offset < 0 || offset > MaxOffset))
        {
            Fail("offset", $"Must be between 0 and {MaxOffset} (was {offset}).");
        }

        ValidatePriorities(request.Priorities, Fail);

        if (request.Council is { } council && (council.Trim().Length is 0 or > 20))
        {
            Fail("council", "Give a council code: the 3-letter mySociety code (e.g. 'CON') or the GSS code (e.g. 'E06000052'); find codes with GET /api/v1/councils?query=name.");
        }

        ValidateProfile(request.Profile, Fail);
        ValidateConstraints(request.Constraints, Fail);

        if (request.Audience is { } audience && !PracticeValidator.Audiences.Contains(audience.Trim().ToLowerInvariant()))
        {
            Fail("audience", $"Unknown audience '{audience}'. Allowed: {string.Join(", ", PracticeValidator.Audiences)}.");
        }

        if (request.Weights is { } weights)
        {
            var problems = RankingWeights.Default.Override(weights.Text, weights.Context, weights.Evidence, weights.Cost, weights.Priority).Problems().ToList();
            if (problems.Count > 0)
            {
                errors["weights"] = [.. problems];
            }
        }

        if (request.Diversity is { } diversity && (double.IsNaN(diversity) || diversity < 0 || diversity > 1))
        {
            Fail("diversity", $"Must be between 0 (relevance only) and 1 (most varied) (was {diversity}).");
        }

        return errors;
    }

    private static void ValidatePriorities(List<PriorityRequest>? priorities, Action<string, string> fail)
    {
        if (priorities is null)
        {
            return;
        }

        if (priorities.Count > ServiceArea.All.Count)
        {
            fail("priorities", $"At most {ServiceArea.All.Count} service areas.");
            return;
        }

        var unknown = priorities.Where(p => p is null || !ServiceArea.IsKnown(ServiceArea.Normalise(p.Area))).Select(p => p?.Area).ToList();
        if (unknown.Count > 0)
        {
            fail("priorities", $"Unknown service area(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Allowed: {string.Join(", ", ServiceArea.All)}.");
        }
        else if (priorities.Any(p => double.IsNaN(p.Weight) || p.Weight <= 0 || p.Weight > MaxPriorityWeight))
        {
            fail("priorities", $"Each weight must be above 0 and at most {MaxPriorityWeight}.");
        }
    }

    private static void ValidateProfile(CouncilProfileRequest? profile, Action<string, string> fail)
    {
        if (profile is null)
        {
            return;
        }

        if (profile.GovernanceType is { } type && !GovernanceType.All.Contains(type.Trim().ToLowerInvariant()))
        {
            fail("profile.governance_type", $"Unknown governance type '{type}'. Allowed: {string.Join(", ", GovernanceType.All)}.");
        }

        if (profile.Nation is { } nation && !Nations.Contains(nation.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            fail("profile.nation", $"Unknown nation '{nation}'. Allowed: {string.Join(", ", Nations)}.");
        }

        if (profile.RuralUrban is { } rural && !RuralUrbanClass.All.Contains(rural.Trim().ToLowerInvariant()))
        {
            fail("profile.rural_urban", $"Unknown rural-urban class '{rural}'. Allowed: {string.Join(", ", RuralUrbanClass.All)}.");
        }

        if (profile.Population is { } population && (population < 1_000 || population > 20_000_000))
        {
            fail("profile.population", $"Must be between 1,000 and 20,000,000 residents (was {population}).");
        }

        if (profile.DeprivationDecile is { } decile && (decile < 1 || decile > 10))
        {
            fail("profile.deprivation_decile", $"Must be 1 (most deprived) to 10 (least deprived) (was {decile}).");
        }

        if (profile.Region is { } region && region.Trim().Length is 0 or > 60)
        {
            fail("profile.region", "Give a region name of at most 60 characters, e.g. 'South West'.");
        }
    }

    private static void ValidateConstraints(ConstraintsRequest? constraints, Action<string, string> fail)
    {
        if (constraints is null)
        {
            return;
        }

        if (constraints.MaxCostBand is { } cost && (cost < 1 || cost > 5))
        {
            fail("constraints.max_cost_band", $"Must be 1 (very low) to 5 (very high) (was {cost}).");
        }

        if (constraints.MinEvidenceLevel is { } level && (level < 1 || level > 5))
        {
            fail("constraints.min_evidence_level", $"Must be 1 to 5 on the Nesta Standards of Evidence (was {level}).");
        }

        if (constraints.Capacity is { } capacity && !Capacities.Contains(capacity.Trim().ToLowerInvariant()))
        {
            fail("constraints.capacity", $"Unknown capacity '{capacity}'. Allowed: {string.Join(", ", Capacities)}.");
        }
    }
}
