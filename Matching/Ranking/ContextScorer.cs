using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking.Reported;

namespace Recommend.Matching.Ranking;

/// <summary>
/// The context match's figures without its words: what ranking needs of every candidate (the score,
/// coverage and closeness, how many similar councils adopted it), computed with plain loops and no
/// allocation. It is the one place the figures are made: <see cref="ContextMatcher.Match"/> takes its
/// score from here and each field's similarity from the same helpers, and adds only the verdicts and
/// adaptation notes, for the practices an answer shows (building those for all 200 candidates was
/// most of what an uncached ranking allocated, issue 18). So a shown result's score is the score it
/// was ranked by; <c>ContextScoreTests</c> checks that the fields a result shows add up to it.
/// </summary>
public static class ContextScorer
{
    // Read only; stands for a practice with no evidence context, as ContextMatcher's empty one does.
    private static readonly EvidenceContext NoContext = new();

    /// <summary>The same figures as <see cref="ContextMatcher.Match"/> for the same arguments.</summary>
    public static ContextScore Score(CouncilContext council, Practice practice, IReadOnlyDictionary<string, int> neighbours, IReadOnlyList<ReportedAdopter>? reportedAdopters = null)
    {
        var context = practice.EvidenceContext ?? NoContext;

        // Three running sums in ContextMatcher's field order, each added to as its LINQ sum adds, so
        // the doubles come out identical.
        double comparable = 0, known = 0, weighted = 0;
        void Add(double weight, double? similarity)
        {
            comparable += weight;
            if (similarity is { } s)
            {
                known += weight;
                weighted += s * weight;
            }
        }

        if (council.Nation is { } nation)
        {
            Add(ContextMatcher.NationWeight, NationSimilarity(nation, context.Countries));
        }

        if (council.GovernanceType is { } type)
        {
            Add(ContextMatcher.GovernanceWeight, GovernanceSimilarity(type, context.GovernanceTypes));
        }

        if (council.RuralUrban is { } rurality)
        {
            Add(ContextMatcher.RuralWeight, NearestRural(rurality, context.RuralUrban) is { } nearest ? ContextMatcher.RuralSimilarity(Math.Abs(nearest.Gap)) : null);
        }

        if (council.DeprivationQuintile is { } quintile)
        {
            Add(ContextMatcher.DeprivationWeight, NearestQuintile(quintile, context.DeprivationQuintiles) is { } gap ? ContextMatcher.GradedSimilarity(Math.Abs(gap)) : null);
        }

        if (council.PopulationBand is { } band)
        {
            Add(ContextMatcher.PopulationWeight, NearestBand(band, context.PopulationBands) is { } gap ? ContextMatcher.GradedSimilarity(Math.Abs(gap)) : null);
        }

        var coverage = comparable > 0 ? known / comparable : 0;
        var closeness = known > 0 ? weighted / known : 1;
        var (adopters, adoption) = Adoption(council, practice, neighbours, reportedAdopters ?? []);
        return new ContextScore(ContextMatcher.Blend(coverage, closeness, adoption), coverage, closeness, adopters);
    }

    /// <summary>Null when the evidence does not say (the field is "unknown").</summary>
    internal static double? NationSimilarity(string nation, List<string> countries)
    {
        if (countries.Count == 0)
        {
            return null;
        }

        if (AnyIn(countries, [nation]))
        {
            return 1;
        }

        if (AnyIn(countries, ContextMatcher.UkNames))
        {
            return 0.85;
        }

        // International reviews (close) and other UK nations (differs) score alike; only the verdict differs.
        if (AnyIn(countries, ContextMatcher.InternationalNames) || AnyIn(countries, ContextMatcher.UkNations))
        {
            return 0.6;
        }

        return 0.3;
    }

    /// <summary>Null when the evidence names no council type below national.</summary>
    internal static double? GovernanceSimilarity(string type, List<string> types)
    {
        var any = false;
        var sameTier = false;
        var tier = GovernanceType.TierOf(type);
        foreach (var t in types)
        {
            if (t == "national")
            {
                continue;
            }

            if (t == type)
            {
                return 1;
            }

            any = true;
            sameTier |= GovernanceType.TierOf(t) == tier;
        }

        return !any ? null : sameTier ? 0.75 : 0.35;
    }

    /// <summary>
    /// The evidence's rurality class nearest the council's (the first listed among equally near ones) and
    /// how many steps more rural (positive) or more urban it is; null when the evidence names none.
    /// </summary>
    internal static (string Class, int Gap)? NearestRural(string rurality, List<string> classes)
    {
        var own = ContextMatcher.RuralOrder(rurality);
        (string Class, int Gap)? nearest = null;
        foreach (var c in classes)
        {
            if (ContextMatcher.RuralOrder(c) is var order and >= 0 && (nearest is null || Math.Abs(order - own) < Math.Abs(nearest.Value.Gap)))
            {
                nearest = (c, order - own);
            }
        }

        return nearest;
    }

    /// <summary>Quintiles from the council's to the evidence's nearest (positive: less deprived); null when the evidence names none.</summary>
    internal static int? NearestQuintile(int own, List<int> quintiles)
    {
        int? gap = null;
        foreach (var q in quintiles)
        {
            if (gap is null || Math.Abs(q - own) < Math.Abs(gap.Value))
            {
                gap = q - own;
            }
        }

        return gap;
    }

    /// <summary>Population bands from the council's to the evidence's nearest (positive: larger); null when the evidence names none.</summary>
    internal static int? NearestBand(string band, List<string> bands)
    {
        var own = ContextMatcher.BandOrder(band);
        int? gap = null;
        foreach (var b in bands)
        {
            if (ContextMatcher.BandOrder(b) is var order and >= 0 && (gap is null || Math.Abs(order - own) < Math.Abs(gap.Value)))
            {
                gap = order - own;
            }
        }

        return gap;
    }

    /// <summary>
    /// How many adopters <see cref="ContextMatcher.Match"/> lists (this council or a neighbour up to
    /// <see cref="ContextMatcher.LooseNeighbourRank"/>; a reported council already counted is not counted
    /// again) and the adoption signal: 1 for this council or a close neighbour, 0.5 for a looser one.
    /// </summary>
    private static (int Count, double Adoption) Adoption(CouncilContext council, Practice practice, IReadOnlyDictionary<string, int> neighbours, IReadOnlyList<ReportedAdopter> reported)
    {
        var count = 0;
        var adoption = 0.0;
        foreach (var adopter in practice.Adopters)
        {
            if (adopter.CouncilCode is { } code && Near(council, code, neighbours) is { } weight)
            {
                count++;
                adoption = Math.Max(adoption, weight);
            }
        }

        for (var i = 0; i < reported.Count; i++)
        {
            var code = reported[i].Code;
            if (!ListedBefore(council, practice, neighbours, reported, i, code) && Near(council, code, neighbours) is { } weight)
            {
                count++;
                adoption = Math.Max(adoption, weight);
            }
        }

        return (count, adoption);
    }

    /// <summary>Whether an adopter with this code is already among the listed ones: a near catalogue adopter or an earlier near report.</summary>
    private static bool ListedBefore(CouncilContext council, Practice practice, IReadOnlyDictionary<string, int> neighbours, IReadOnlyList<ReportedAdopter> reported, int before, string code)
    {
        foreach (var adopter in practice.Adopters)
        {
            if (adopter.CouncilCode is { } listed && Same(listed, code) && Near(council, listed, neighbours) is not null)
            {
                return true;
            }
        }

        for (var j = 0; j < before; j++)
        {
            if (Same(reported[j].Code, code) && !ListedBefore(council, practice, neighbours, reported, j, reported[j].Code) && Near(council, reported[j].Code, neighbours) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The adoption weight of a council that adopted it: null when it is neither this council nor among its looser neighbours.</summary>
    private static double? Near(CouncilContext council, string code, IReadOnlyDictionary<string, int> neighbours)
    {
        if (council.Code is not null && Same(code, council.Code))
        {
            return 1;
        }

        return neighbours.TryGetValue(code, out var rank) && rank <= ContextMatcher.LooseNeighbourRank
            ? rank <= ContextMatcher.CloseNeighbourRank ? 1 : 0.5
            : null;
    }

    private static bool AnyIn(List<string> values, ReadOnlySpan<string> names)
    {
        foreach (var value in values)
        {
            foreach (var name in names)
            {
                if (Same(value, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
