namespace Recommend.Contracts.Councils.Api;

/// <summary>A council as a search result: enough to pick it from a list and tell it from its namesakes.</summary>
public sealed record CouncilSummary(
    string Code,
    string GssCode,
    string Name,
    string Nation,
    string Region,
    string GovernanceType,
    int? Population,
    string RuralUrban,
    int DeprivationDecile)
{
    public static CouncilSummary From(CouncilProfile council) => new(
        council.Code,
        council.GssCode,
        council.Name,
        council.Nation,
        council.Region,
        council.GovernanceType,
        council.Population,
        council.RuralUrban,
        council.DeprivationDecile);
}
