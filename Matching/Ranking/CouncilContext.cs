using Recommend.Contracts.Councils;

namespace Recommend.Matching.Ranking;

/// <summary>
/// The council the ranking is for, as far as it is known: a listed council's facts, optionally
/// overridden by profile fields in the request, or only the fields the request gave.
/// </summary>
public sealed record CouncilContext
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Nation { get; init; }
    public string? Region { get; init; }
    public string? GovernanceType { get; init; }
    public int? Population { get; init; }
    public string? RuralUrban { get; init; }
    public int? DeprivationDecile { get; init; }

    public string? PopulationBand => Population is { } p ? Contracts.Councils.PopulationBand.For(p) : null;

    /// <summary>1 = most deprived fifth; deciles 1-2 make quintile 1.</summary>
    public int? DeprivationQuintile => DeprivationDecile is { } d ? (d + 1) / 2 : null;

    public string Label => Name ?? Code ?? "your council";

    public static CouncilContext From(CouncilProfile profile) => new()
    {
        Code = profile.Code,
        Name = profile.Name,
        Nation = profile.Nation,
        Region = profile.Region,
        GovernanceType = profile.GovernanceType,
        Population = profile.Population,
        RuralUrban = profile.RuralUrban,
        DeprivationDecile = profile.DeprivationDecile is >= 1 and <= 10 ? profile.DeprivationDecile : null,
    };
}
