using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking.Reported;

namespace Recommend.Matching.Ranking;

/// <summary>
/// The context match's figures without its words: what ranking needs of every candidate (the score,
/// coverage and closeness, how many similar councils adopted it), computed with plain loops and no
/// allocation. <see cref="ContextMatcher.Match"/> writes the verdicts and adaptation notes, and is
/// called only for the practices an answer shows: building them for all 200 candidates was most of
/// what an uncached ranking allocated (issue 18). The two must agree to the last bit, field by field
/// and sum by sum in the same order (<c>ContextScoreTests</c> compares them over the whole catalogue
/// and every council), so a shown result's score is the score it was ranked by.
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
            Add(ContextMatcher.RuralWeight, RuralSimilarity(rurality, context.RuralUrban));
        }

        if (council.DeprivationQuintile is { } quintile)
        {
            Add(ContextMatcher.DeprivationWeight, DeprivationSimilarity(quintile, context.DeprivationQuintiles));
        }

        if (council.PopulationBand is { } band)
        {
            Add(ContextMatcher.PopulationWeight, PopulationSimilarity(band, context.PopulationBands));
        }

        var coverage = comparable > 0 ? known / comparable : 0;
        var closeness = known > 0 ? weighted / known : 1;
        var (adopters, adoption) = Adoption(council, practice, neighbours, reportedAdopters ?? []);
        return new ContextScore(ContextMatcher.Blend(coverage, closeness, adoption), coverage, closeness, adopters);
    }

    /// <summary>Null when the evidence does not say (the field is "unknown").</summary>
    private static double? NationSimilarity(string nation, List<string> countries)
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

    private static double? GovernanceSimilarity(string type, List<string> types)
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

    private static double? RuralSimilarity(string rurality, List<string> classes)
    {
        var own = ContextMatcher.RuralOrder(rurality);
        var steps = int.MaxValue;
        foreach (var c in classes)
        {
            if (ContextMatcher.RuralOrder(c) is var order and >= 0)
            {
                steps = Math.Min(steps, Math.Abs(order - own));
            }
        }

        return steps == int.MaxValue ? null : ContextMatcher.RuralSimilarity(steps);
    }

    private static double? DeprivationSimilarity(int own, List<int> quintiles)
    {
        if (quintiles.Count == 0)
        {
            return null;
        }

        var steps = int.MaxValue;
        foreach (var q in quintiles)
        {
            steps = Math.Min(steps, Math.Abs(q - own));
        }

        return ContextMatcher.GradedSimilarity(steps);
    }

    private static double? PopulationSimilarity(string band, List<string> bands)
    {
        var own = ContextMatcher.BandOrder(band);
        var steps = int.MaxValue;
        foreach (var b in bands)
        {
            if (ContextMatcher.BandOrder(b) is var order and >= 0)
            {
                steps = Math.Min(steps, Math.Abs(order - own));
            }
        }

        return steps == int.MaxValue ? null : ContextMatcher.GradedSimilarity(steps);
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
