using Recommend.Contracts.Councils;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// A kind of place: nation x governance tier x rural-urban class x deprivation band. The tier is the
/// one that runs the area for the councils counted in it (<see cref="ServiceTiers"/>): single tier,
/// county or district. Size is left out: the evidence states it least often, and four more
/// dimensions' worth of cells would leave most of them with one council.
/// </summary>
public sealed record ContextCell(string Nation, string Tier, string RuralUrban, string DeprivationBand)
{
    public const string SingleTier = "single_tier";
    public const string County = "county";
    public const string District = "district";

    public static readonly IReadOnlyList<string> Tiers = [SingleTier, County, District];

    /// <summary>A stable id for links: "england.county.rural.less_deprived".</summary>
    public string Key => $"{Nation.ToLowerInvariant().Replace(' ', '_')}.{Tier}.{RuralUrban}.{DeprivationBand}";

    public string Label => $"{Nation}, {TierLabel}, {RuralUrban.Replace('_', ' ')}, {EvidenceGaps.DeprivationBand.Label(DeprivationBand)}";

    private string TierLabel => Tier switch
    {
        SingleTier => "single tier",
        County => "county",
        _ => "district",
    };

    /// <summary>The council tier this cell compares evidence with (<see cref="GovernanceType.TierOf"/>).</summary>
    public CouncilTier CouncilTier => Tier switch
    {
        SingleTier => CouncilTier.Single,
        County => CouncilTier.Upper,
        _ => CouncilTier.Lower,
    };

    public static ContextCell Of(CouncilProfile council) => new(
        council.Nation,
        GovernanceType.TierOf(council.GovernanceType) switch
        {
            CouncilTier.Upper => County,
            CouncilTier.Lower => District,
            _ => SingleTier,
        },
        council.RuralUrban,
        EvidenceGaps.DeprivationBand.Of(council.DeprivationQuintile));

    /// <summary>Nations, then tiers, urban to sparse rural, more to less deprived: the order of the map's rows.</summary>
    public static int Compare(ContextCell a, ContextCell b)
    {
        int[] Order(ContextCell c) =>
        [
            Index(Councils.Nation.All, c.Nation),
            Index(Tiers, c.Tier),
            Index(RuralUrbanClass.All, c.RuralUrban),
            Index(EvidenceGaps.DeprivationBand.All, c.DeprivationBand),
        ];

        var (x, y) = (Order(a), Order(b));
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return string.CompareOrdinal(a.Key, b.Key);
    }

    private static int Index(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return values.Count;
    }
}
