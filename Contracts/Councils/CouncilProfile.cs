using System.Text.Json.Serialization;

namespace Recommend.Contracts.Councils;

/// <summary>
/// The facts about a council that decide whether a practice is likely to transfer to it: who it is,
/// what kind of council it is, how big, how rural and how deprived. Field names are snake_case in
/// JSON. Null means "not published", never zero (some combined authorities have no population or centroid).
/// </summary>
public sealed record CouncilProfile
{
    /// <summary>mySociety's code: three letters for councils (BPL), four for some combined authorities (GMCA).</summary>
    public required string Code { get; init; }

    /// <summary>ONS Government Statistical Service code, e.g. E06000009.</summary>
    public required string GssCode { get; init; }

    /// <summary>The name people use ("Blackpool"); <see cref="OfficialName"/> is the corporate one.</summary>
    public required string Name { get; init; }

    public string? OfficialName { get; init; }

    /// <summary>One of <see cref="Councils.Nation.All"/>.</summary>
    public required string Nation { get; init; }

    /// <summary>ONS region in England; the nation's name elsewhere.</summary>
    public required string Region { get; init; }

    /// <summary>One of <see cref="Councils.GovernanceType.All"/>.</summary>
    public required string GovernanceType { get; init; }

    /// <summary>Mid-2020 population estimate.</summary>
    public int? Population { get; init; }

    /// <summary>Derived from <see cref="Population"/> (<see cref="Councils.PopulationBand.For"/>); null when the population is.</summary>
    public string? PopulationBand { get; init; }

    public double? AreaKm2 { get; init; }

    /// <summary>One of <see cref="Councils.RuralUrbanClass.All"/>.</summary>
    public required string RuralUrban { get; init; }

    /// <summary>Shares of the population living in highly rural, rural and urban areas; they add up to 1.</summary>
    public double HighlyRuralShare { get; init; }

    public double RuralShare { get; init; }

    public double UrbanShare { get; init; }

    /// <summary>Population-weighted composite UK deprivation score: higher is more deprived, comparable across nations.</summary>
    public double DeprivationScore { get; init; }

    /// <summary>1 = the most deprived tenth of UK councils, 10 = the least deprived.</summary>
    public int DeprivationDecile { get; init; }

    /// <summary>1 = the most deprived fifth, 5 = the least; always (decile + 1) / 2.</summary>
    public int DeprivationQuintile { get; init; }

    public double? Lat { get; init; }

    public double? Long { get; init; }

    /// <summary>Share of residents outside urban areas: what "how rural" means when councils are compared.</summary>
    [JsonIgnore]
    public double NonUrbanShare => HighlyRuralShare + RuralShare;
}
