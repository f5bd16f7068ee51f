namespace Recommend.Contracts.Councils.Api;

/// <summary>
/// One council's profile as the API shows it. Kept apart from <see cref="CouncilProfile"/> (the stored
/// type) so the store can change without breaking callers. Null means "not published", never zero.
/// </summary>
public sealed record CouncilResponse
{
    public required string Code { get; init; }

    public required string GssCode { get; init; }

    public required string Name { get; init; }

    public string? OfficialName { get; init; }

    public required string Nation { get; init; }

    public required string Region { get; init; }

    public required string GovernanceType { get; init; }

    public int? Population { get; init; }

    public string? PopulationBand { get; init; }

    public double? AreaKm2 { get; init; }

    public required string RuralUrban { get; init; }

    public double HighlyRuralShare { get; init; }

    public double RuralShare { get; init; }

    public double UrbanShare { get; init; }

    public double DeprivationScore { get; init; }

    /// <summary>1 = the most deprived tenth of UK councils, 10 = the least deprived.</summary>
    public int DeprivationDecile { get; init; }

    public int DeprivationQuintile { get; init; }

    public double? Lat { get; init; }

    public double? Long { get; init; }

    /// <summary>Where to find the councils most like this one.</summary>
    public required string Similar { get; init; }

    public static CouncilResponse From(CouncilProfile council) => new()
    {
        Code = council.Code,
        GssCode = council.GssCode,
        Name = council.Name,
        OfficialName = council.OfficialName,
        Nation = council.Nation,
        Region = council.Region,
        GovernanceType = council.GovernanceType,
        Population = council.Population,
        PopulationBand = council.PopulationBand,
        AreaKm2 = council.AreaKm2,
        RuralUrban = council.RuralUrban,
        HighlyRuralShare = council.HighlyRuralShare,
        RuralShare = council.RuralShare,
        UrbanShare = council.UrbanShare,
        DeprivationScore = council.DeprivationScore,
        DeprivationDecile = council.DeprivationDecile,
        DeprivationQuintile = council.DeprivationQuintile,
        Lat = council.Lat,
        Long = council.Long,
        Similar = $"/api/v1/councils/{council.Code}/similar",
    };
}
