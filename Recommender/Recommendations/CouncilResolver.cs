using System.Collections.Concurrent;
using Recommend.Contracts.Councils;
using Recommend.Matching.Ranking;
using Recommend.Contracts.Recommendations;
using Recommend.ServiceDefaults.Councils;

namespace Recommend.Recommender.Recommendations;

/// <summary>
/// Turns the council part of a request into the context the ranking needs: the listed council's
/// facts (overridden by any profile fields given) and its nearest councils. An unknown code is a
/// 400 with suggestions, never a silent "no council".
/// </summary>
public sealed class CouncilResolver(CouncilRegistry registry)
{
    /// <summary>Neighbours considered for "adopted by councils like you".</summary>
    private const int NeighbourCount = ContextMatcher.LooseNeighbourRank;
    private const int NamesShown = 5;

    // A listed council's neighbours depend only on the council list, yet finding them compares it with
    // every council (about 400) and sorts: a tenth of an uncached ranking's CPU. So they are found once
    // per council and list, and forgotten with the list when a new one is loaded.
    private NeighbourMemo _memo = new(null, new(StringComparer.OrdinalIgnoreCase));

    public CouncilResolution Resolve(NormalisedRequest request)
    {
        if (request.Council is null && request.Profile is null)
        {
            return new CouncilResolution(null, null);
        }

        var snapshot = registry.Current;
        CouncilProfile? listed = null;
        if (request.Council is { } code)
        {
            listed = snapshot.Directory.Find(code);
            if (listed is null)
            {
                var suggestions = snapshot.Directory.Search(code, 3).Select(c => $"{c.Code} ({c.Name})").ToList();
                var hint = suggestions.Count > 0 ? $" Did you mean {string.Join(", ", suggestions)}?" : "";
                return new CouncilResolution(null, $"Unknown council '{code}'. Use a 3-letter mySociety code or a GSS code; search with GET /api/v1/councils?query=<name>.{hint}");
            }
        }

        var context = listed is null ? new CouncilContext() : CouncilContext.From(listed);
        if (request.Profile is { } profile)
        {
            context = context with
            {
                GovernanceType = profile.GovernanceType ?? context.GovernanceType,
                Nation = profile.Nation ?? context.Nation,
                Region = profile.Region ?? context.Region,
                Population = profile.Population ?? context.Population,
                RuralUrban = profile.RuralUrban ?? context.RuralUrban,
                DeprivationDecile = profile.DeprivationDecile ?? context.DeprivationDecile,
            };
        }

        var (ranks, names) = listed is null ? Neighbourhood.None : NeighbourhoodOf(snapshot, listed);
        return new CouncilResolution(new CouncilRankingContext(context, ranks, names), null);
    }

    private Neighbourhood NeighbourhoodOf(CouncilSnapshot snapshot, CouncilProfile listed)
    {
        var memo = Volatile.Read(ref _memo);
        if (!ReferenceEquals(memo.Snapshot, snapshot))
        {
            memo = new NeighbourMemo(snapshot, new(StringComparer.OrdinalIgnoreCase));
            Volatile.Write(ref _memo, memo);
        }

        return memo.ByCode.GetOrAdd(listed.Code, static (_, state) =>
        {
            // Shared by every request for this council: read-only from here on.
            var neighbours = state.Snapshot.Similar.Nearest(state.Listed, NeighbourCount);
            return new Neighbourhood(
                neighbours.Select((n, i) => (n.Council.Code, Rank: i + 1)).ToDictionary(x => x.Code, x => x.Rank, StringComparer.OrdinalIgnoreCase),
                [.. neighbours.Take(NamesShown).Select(n => n.Council.Name)]);
        }, (Snapshot: snapshot, Listed: listed));
    }

    private sealed record NeighbourMemo(CouncilSnapshot? Snapshot, ConcurrentDictionary<string, Neighbourhood> ByCode);

    private sealed record Neighbourhood(IReadOnlyDictionary<string, int> Ranks, IReadOnlyList<string> Names)
    {
        public static Neighbourhood None { get; } = new(new Dictionary<string, int>(), []);
    }
}

/// <summary>Either the council context (or none, when the request named no council) or why it could not be resolved.</summary>
public sealed record CouncilResolution(CouncilRankingContext? Context, string? Error);
