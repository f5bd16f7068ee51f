namespace Recommend.Contracts.Councils;

/// <summary>
/// How a council is constituted. The values are the same strings a practice's evidence_context
/// uses (practice.schema.json), so a council and the places a practice was shown to work compare directly.
/// </summary>
public static class GovernanceType
{
    public const string County = "county";
    public const string District = "district";
    public const string Unitary = "unitary";
    public const string MetropolitanDistrict = "metropolitan_district";
    public const string LondonBorough = "london_borough";
    public const string ScottishCouncil = "scottish_council";
    public const string WelshPrincipal = "welsh_principal";
    public const string NiDistrict = "ni_district";
    public const string CombinedAuthority = "combined_authority";

    public static readonly IReadOnlyList<string> All =
    [
        County, District, Unitary, MetropolitanDistrict, LondonBorough, ScottishCouncil, WelshPrincipal, NiDistrict, CombinedAuthority,
    ];

    /// <summary>The nation a type exists in: the English types, and each devolved nation's own.</summary>
    public static string NationOf(string governanceType) => governanceType switch
    {
        ScottishCouncil => Nation.Scotland,
        WelshPrincipal => Nation.Wales,
        NiDistrict => Nation.NorthernIreland,
        _ => Nation.England,
    };

    /// <summary>
    /// Which services a council runs, which matters more for comparing councils than the type's name:
    /// upper tier (social care, education, highways) for counties; lower tier (housing, planning, waste
    /// collection) for districts and, broadly, NI districts; both for single-tier councils; strategic
    /// (transport, skills, economic development) for combined authorities and the Greater London Authority.
    /// </summary>
    public static CouncilTier TierOf(string governanceType) => governanceType switch
    {
        County => CouncilTier.Upper,
        District or NiDistrict => CouncilTier.Lower,
        CombinedAuthority => CouncilTier.Strategic,
        _ => CouncilTier.Single,
    };
}
