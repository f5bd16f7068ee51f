using Recommend.Contracts.Councils;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// Whether a practice's evidence comes from a place like a cell. The fields are the ones the
/// recommender compares (Matching/Ranking/ContextMatcher.cs), held to the cell exactly: evidence from
/// the neighbouring cell does not fill a gap, or the map could not show one. Nation: the cell's own, or
/// the whole UK ("Great Britain" leaves out Northern Ireland); international reviews do not count,
/// since they may hold no UK study. Tier: a stated governance type of the cell's tier and
/// nation (<see cref="GovernanceType.TierOf"/>, <see cref="GovernanceType.NationOf"/>; "national" and "combined_authority" say nothing about a council's tier). Rurality: the
/// cell's class. Deprivation: a stated quintile in the cell's band. Population bands are not compared.
/// </summary>
public static class ContextSimilarity
{
    private static readonly string[] UkNames = ["UK", "United Kingdom"];
    private static readonly string[] GreatBritainNames = ["Great Britain", "GB"];

    public static EvidenceReach Compare(EvidencePractice practice, ContextCell cell)
    {
        var context = practice.Context;
        if (!FromNation(context.Countries, cell.Nation))
        {
            return EvidenceReach.None;
        }

        // A combined authority spans councils of any tier, so, like "national", it says nothing about the council's.
        var types = context.GovernanceTypes.Where(t => GovernanceType.All.Contains(t) && GovernanceType.TierOf(t) != CouncilTier.Strategic).ToList();
        var classes = context.RuralUrban.Where(c => RuralUrbanClass.All.Contains(c)).ToList();
        var quintiles = context.DeprivationQuintiles.Where(q => q is >= 1 and <= 5).ToList();
        if (types.Count == 0 && classes.Count == 0 && quintiles.Count == 0)
        {
            return EvidenceReach.NationOnly;
        }

        // A council type is a type of one nation (a unitary is English): evidence from English unitaries is not from a Scottish council.
        var tierFits = types.Count == 0 || types.Any(t => GovernanceType.TierOf(t) == cell.CouncilTier && GovernanceType.NationOf(t) == cell.Nation);
        var ruralityFits = classes.Count == 0 || classes.Contains(cell.RuralUrban);
        var deprivationFits = quintiles.Count == 0 || quintiles.Any(q => DeprivationBand.Contains(cell.DeprivationBand, q));
        return tierFits && ruralityFits && deprivationFits ? EvidenceReach.Similar : EvidenceReach.None;
    }

    private static bool FromNation(IReadOnlyList<string> countries, string nation) =>
        countries.Any(c =>
            string.Equals(c.Trim(), nation, StringComparison.OrdinalIgnoreCase)
            || UkNames.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase)
            || (nation != Nation.NorthernIreland && GreatBritainNames.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase)));
}
