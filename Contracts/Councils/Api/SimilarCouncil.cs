namespace Recommend.Contracts.Councils.Api;

/// <summary>A neighbour of the council asked about: who it is, how far away, and why (drivers, largest first).</summary>
public sealed record SimilarCouncil(
    string Code,
    string Name,
    string GovernanceType,
    string Nation,
    string Region,
    int? Population,
    string RuralUrban,
    int DeprivationDecile,
    double Distance,
    IReadOnlyList<SimilarityDriver> Drivers)
{
    /// <summary>Three decimals tell neighbours apart; more would suggest a precision the inputs do not have.</summary>
    public const int Decimals = 3;

    public static SimilarCouncil From(CouncilNeighbour neighbour) => new(
        neighbour.Council.Code,
        neighbour.Council.Name,
        neighbour.Council.GovernanceType,
        neighbour.Council.Nation,
        neighbour.Council.Region,
        neighbour.Council.Population,
        neighbour.Council.RuralUrban,
        neighbour.Council.DeprivationDecile,
        Math.Round(neighbour.Distance, Decimals),
        [.. neighbour.Contributions.OrderByDescending(c => c.Contribution).Select(SimilarityDriver.From)]);
}
