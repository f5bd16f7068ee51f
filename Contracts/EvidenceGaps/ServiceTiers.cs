using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// Which council counts a resident for a service area, so that everyone is counted once. In
/// two-tier England a county and its districts cover the same residents: each service area is
/// counted at the tier that runs it (the statutory split; docs/evidence.md#which-tier-runs-which-area
/// gives the reasons). Single-tier councils (unitary, metropolitan, London, Scottish, Welsh) run every
/// area; Northern Ireland's districts count for every area too, although regional bodies run social
/// care, education, housing, roads and public health there, because no other council covers those
/// residents. Combined authorities and the Greater London Authority overlap their constituent councils
/// and are never counted.
/// </summary>
public static class ServiceTiers
{
    /// <summary>Areas a county runs in two-tier England; every other area is counted at the district.</summary>
    private static readonly HashSet<string> CountyAreas = new(StringComparer.Ordinal)
    {
        "adult_social_care",
        "childrens_services",
        "education",
        "public_health",
        "transport",
    };

    /// <summary>The tier that runs <paramref name="area"/> where there are two: upper (county) or lower (district).</summary>
    public static CouncilTier TwoTierRunner(string area)
    {
        if (!ServiceArea.IsKnown(area))
        {
            throw new ArgumentException($"Unknown service area '{area}'.", nameof(area));
        }

        return CountyAreas.Contains(area) ? CouncilTier.Upper : CouncilTier.Lower;
    }

    /// <summary>Whether <paramref name="council"/>'s residents are counted for <paramref name="area"/>.</summary>
    public static bool Counts(CouncilProfile council, string area) => council.GovernanceType switch
    {
        GovernanceType.CombinedAuthority => false,
        GovernanceType.County => TwoTierRunner(area) == CouncilTier.Upper,
        GovernanceType.District => TwoTierRunner(area) == CouncilTier.Lower,
        _ => true,
    };

    /// <summary>"county in two-tier England, ..." for an answer and the docs.</summary>
    public static string Describe(string area) => TwoTierRunner(area) == CouncilTier.Upper
        ? "the county council in two-tier England; the single-tier council elsewhere"
        : "the district council in two-tier England; the single-tier council elsewhere";
}
