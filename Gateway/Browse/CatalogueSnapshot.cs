using System.Globalization;

namespace Recommend.Gateway.Browse;

/// <summary>
/// The catalogue of one index version, held in memory and never changed: a new version gets a new
/// snapshot. Searching scans every entry (about 5 ms per 100k practices on this machine); browsing is a
/// filter over a catalogue, not a ranking.
/// </summary>
public sealed class CatalogueSnapshot(string version, IReadOnlyList<BrowseEntry> entries)
{
    public static readonly CatalogueSnapshot Empty = new("", []);

    public string Version { get; } = version;

    public int Count => entries.Count;

    /// <summary>The practices as the evidence-gap map reads them.</summary>
    public IEnumerable<Contracts.EvidenceGaps.EvidencePractice> EvidencePractices => entries.Select(e => e.Evidence);

    public BrowseResponse Browse(BrowseQuery query)
    {
        var matches = new List<(BrowseEntry Entry, int Score)>();
        var areaCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var evidenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var costCounts = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var entry in entries)
        {
            if ((query.Ids is not null && !query.Ids.Contains(entry.Id)) || Score(entry, query.Words) is not { } score || !InCountry(entry, query.Country))
            {
                continue;
            }

            var inArea = query.Area is null || entry.ServiceAreas.Contains(query.Area);
            var inEvidence = query.MinEvidence is null || entry.EvidenceLevel >= query.MinEvidence;
            var inCost = query.MaxCost is null || entry.CostBand <= query.MaxCost;

            // Disjunctive facets: a facet ignores its own filter, so it shows the alternatives.
            if (inEvidence && inCost)
            {
                foreach (var area in entry.ServiceAreas)
                {
                    Increment(areaCounts, area);
                }
            }

            if (inArea && inCost)
            {
                Increment(evidenceCounts, entry.EvidenceLevel?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
            }

            if (inArea && inEvidence)
            {
                Increment(costCounts, entry.CostBand?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
            }

            if (inArea && inEvidence && inCost)
            {
                matches.Add((entry, score));
            }
        }

        // Best text match first; without a query, strongest evidence first; the title breaks ties.
        var page = matches
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Entry.EvidenceLevel ?? 0)
            .ThenBy(m => m.Entry.Title, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Entry.Id, StringComparer.Ordinal)
            .Skip(query.Offset)
            .Take(query.Limit)
            .Select(m => m.Entry.ToSummary())
            .ToList();

        return new BrowseResponse(
            matches.Count,
            query.Offset,
            query.Limit,
            Version.Length == 0 ? null : Version,
            page,
            new BrowseFacets(ByCount(areaCounts), ByValue(evidenceCounts), ByValue(costCounts)));
    }

    /// <summary>Every query word must appear (a title match counts more); null when one is missing.</summary>
    private static int? Score(BrowseEntry entry, IReadOnlyList<string> words)
    {
        var score = 0;
        foreach (var word in words)
        {
            if (entry.TitleWords.Contains(word))
            {
                score += 3;
            }
            else if (entry.Words.Contains(word))
            {
                score += 1;
            }
            else
            {
                return null;
            }
        }

        return score;
    }

    private static bool InCountry(BrowseEntry entry, string? country) =>
        country is null || entry.Countries.Any(c => string.Equals(c, country, StringComparison.OrdinalIgnoreCase));

    private static void Increment(Dictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static List<FacetCount> ByCount(Dictionary<string, int> counts) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new FacetCount(c.Key, c.Value))];

    /// <summary>Levels and bands in their own order, 1 to 5, then "unknown" (digits sort before letters).</summary>
    private static List<FacetCount> ByValue(Dictionary<string, int> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new FacetCount(c.Key, c.Value))];
}
