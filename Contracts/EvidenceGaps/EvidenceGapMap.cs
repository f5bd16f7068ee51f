using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// Builds the evidence-gap map from the council list, the catalogue and the adoptions known. The
/// gateway's endpoint and the CLI's <c>gaps</c> both call this, so their figures agree. Pure and cheap
/// (397 councils x 904 practices x 14 areas in a few milliseconds): nothing is cached.
/// </summary>
public static class EvidenceGapMap
{
    /// <summary>Nesta level 3: a comparison group. Below it a practice is not evidence that it works.</summary>
    public const int MinEvidenceLevel = 3;

    /// <summary>Most practice ids a cell's browse link names; beyond it the link filters by area and level instead.</summary>
    public const int MaxIdsInLink = 100;

    public const string Method =
        "Cells are nation x governance tier x rural-urban class x deprivation band (IMD quintiles 1-2, 3, 4-5). " +
        "Each council counts for an area at the tier that runs it (in two-tier England the county or the district, see run_by), " +
        "so residents are counted once; combined authorities are not counted. A practice has evidence from a similar context " +
        "when its evidence level is 3 or above, its evidence comes from the cell's nation or the whole UK, and its evidence context " +
        "states at least one of governance type, rurality and deprivation, each stated one being the cell's. A practice that states " +
        "only the nation is counted apart (nation_only_practices): its context is unknown, not different. Details and limits: docs/evidence.md#evidence-gaps.";

    public static EvidenceGapReport Build(
        IReadOnlyList<CouncilProfile> councils,
        IReadOnlyList<EvidencePractice> practices,
        IEnumerable<ReportedAdoption> adoptions,
        IReadOnlyList<string>? areas = null,
        IReadOnlyList<string>? notes = null)
    {
        areas ??= ServiceArea.All;
        var directory = new CouncilDirectory(councils);
        var byId = practices.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // An adoption is placed under the council the list knows by that code (mySociety or GSS), once per council, practice and source.
        var placed = adoptions
            .Select(a => (Adoption: a, Council: directory.Find(a.CouncilCode)))
            .Where(a => a.Council is not null && byId.ContainsKey(a.Adoption.PracticeId))
            .GroupBy(a => (a.Council!.Code, a.Adoption.PracticeId, a.Adoption.Source))
            .Select(g => g.First().Adoption with { CouncilCode = g.Key.Code, Reports = g.Sum(a => a.Adoption.Reports) })
            .ToLookup(a => a.CouncilCode, StringComparer.OrdinalIgnoreCase);

        var listedCouncils = new SortedDictionary<string, GapCouncil>(StringComparer.Ordinal);
        var listedPractices = new SortedDictionary<string, GapPractice>(StringComparer.Ordinal);
        var results = new List<AreaGaps>();
        foreach (var area in areas)
        {
            var strong = practices.Where(p => p.EvidenceLevel >= MinEvidenceLevel && p.ServiceAreas.Contains(area)).ToList();
            foreach (var practice in strong)
            {
                listedPractices.TryAdd(practice.Id, Summarise(practice));
            }

            var cells = new List<CellGaps>();
            long residents = 0, withoutSimilar = 0, nationOnly = 0, withoutUk = 0;
            var counted = councils.Where(c => ServiceTiers.Counts(c, area)).ToList();
            foreach (var group in counted.GroupBy(ContextCell.Of).OrderBy(g => g.Key, Comparer<ContextCell>.Create(ContextCell.Compare)))
            {
                var cell = group.Key;
                var members = group.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
                var population = members.Sum(c => (long)(c.Population ?? 0));
                var reach = strong.Select(p => (Practice: p, Reach: ContextSimilarity.Compare(p, cell))).ToList();
                var similar = reach.Where(r => r.Reach == EvidenceReach.Similar).Select(r => r.Practice.Id).Order(StringComparer.Ordinal).ToList();
                var nationOnlyCount = reach.Count(r => r.Reach == EvidenceReach.NationOnly);

                residents += population;
                if (similar.Count == 0)
                {
                    withoutSimilar += population;
                    if (nationOnlyCount > 0)
                    {
                        nationOnly += population;
                    }
                    else
                    {
                        withoutUk += population;
                    }
                }

                foreach (var council in members)
                {
                    listedCouncils.TryAdd(council.Code, new GapCouncil(council.Name, council.GssCode, council.GovernanceType, council.Population));
                }

                var cellAdoptions = members
                    .SelectMany(c => placed[c.Code])
                    .Where(a => byId[a.PracticeId].ServiceAreas.Contains(area))
                    .OrderBy(a => a.CouncilCode, StringComparer.Ordinal).ThenBy(a => a.PracticeId, StringComparer.Ordinal).ThenBy(a => a.Source, StringComparer.Ordinal)
                    .Select(a => new GapAdoption(a.CouncilCode, a.PracticeId, a.Source, a.Year, a.Status, a.Reports, a.Outcome))
                    .ToList();
                foreach (var adoption in cellAdoptions)
                {
                    listedPractices.TryAdd(adoption.PracticeId, Summarise(byId[adoption.PracticeId]));
                }

                cells.Add(new CellGaps(
                    cell.Key, cell.Label, cell.Nation, cell.Tier, cell.RuralUrban, cell.DeprivationBand,
                    [.. members.Select(c => c.Code)], population, similar, nationOnlyCount, PracticesUrl(area, similar), cellAdoptions));
            }

            results.Add(new AreaGaps(
                area, ServiceTiers.Describe(area), counted.Count, residents,
                withoutSimilar, Share(withoutSimilar, residents),
                nationOnly, Share(nationOnly, residents),
                withoutUk, Share(withoutUk, residents),
                strong.Count, strong.Count(p => listedPractices[p.Id].ContextStated), cells));
        }

        return new EvidenceGapReport(Method, MinEvidenceLevel, councils.Count, notes ?? [], results, listedCouncils, listedPractices);
    }

    /// <summary>The browse page with exactly the cell's practices, or, when there are none (or too many for a link), the area's level 3+ practices from anywhere.</summary>
    public static string PracticesUrl(string area, IReadOnlyList<string> ids) =>
        ids.Count is > 0 and <= MaxIdsInLink
            ? $"/browse.html?ids={string.Join(',', ids.Select(Uri.EscapeDataString))}"
            : $"/browse.html?area={area}&min_evidence={MinEvidenceLevel}";

    private static GapPractice Summarise(EvidencePractice practice)
    {
        var context = practice.Context;
        var stated = context.GovernanceTypes.Any(t => GovernanceType.All.Contains(t) && GovernanceType.TierOf(t) != CouncilTier.Strategic)
            || context.RuralUrban.Count > 0 || context.DeprivationQuintiles.Count > 0;
        return new GapPractice(practice.Title, practice.EvidenceLevel, practice.ServiceAreas, context.Countries, stated);
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
