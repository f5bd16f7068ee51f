using System.Globalization;

namespace Recommend.Contracts.Councils;

/// <summary>
/// Nearest councils in the spirit of CIPFA's nearest-neighbour model: numeric facts standardised over
/// the loaded councils, compared by a weighted Euclidean distance, plus penalties for a different
/// kind of council or a different place.
/// </summary>
/// <remarks>
/// For councils a and b, with z(x) = (x - mean) / sd over the loaded councils that have x:
/// <code>
/// d(a, b)^2 = w_pop  * (z(ln population_a)       - z(ln population_b))^2
///           + w_dep  * (z(deprivation_score_a)   - z(deprivation_score_b))^2
///           + w_rur  * (z(non_urban_share_a)     - z(non_urban_share_b))^2
///           + governance penalty (0 same type; same tier, other type; county vs single tier; other tiers)
///           + place penalty (0 same region; other region in the same nation; other nation)
/// </code>
/// non_urban_share is highly_rural + rural. A numeric term whose value either council lacks is
/// replaced by <see cref="SimilarityWeights.MissingValue"/>. An sd of 0 (one council, or all equal) is
/// taken as 1 so the term is 0 rather than undefined. The composite deprivation score is used rather
/// than the decile because it keeps the distance between councils in the same decile; mySociety
/// rescales the nations' indices so scores compare across the UK. See docs/similar-councils.md.
/// </remarks>
public sealed class SimilarCouncils
{
    private readonly IReadOnlyList<CouncilProfile> _councils;
    private readonly SimilarityWeights _weights;
    private readonly Scale _population;
    private readonly Scale _deprivation;
    private readonly Scale _rural;

    public SimilarCouncils(IEnumerable<CouncilProfile> councils, SimilarityWeights? weights = null)
    {
        _councils = [.. councils];
        _weights = weights ?? SimilarityWeights.Default;
        _population = Scale.Of(_councils.Select(LogPopulation));
        _deprivation = Scale.Of(_councils.Select(c => (double?)c.DeprivationScore));
        _rural = Scale.Of(_councils.Select(c => (double?)c.NonUrbanShare));
    }

    /// <summary>The <paramref name="count"/> councils nearest to <paramref name="council"/>, nearest first, never itself.</summary>
    public IReadOnlyList<CouncilNeighbour> Nearest(CouncilProfile council, int count = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return _councils
            .Where(other => !string.Equals(other.Code, council.Code, StringComparison.OrdinalIgnoreCase))
            .Select(other => Compare(council, other))
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Council.Code, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    public CouncilNeighbour Compare(CouncilProfile council, CouncilProfile other)
    {
        var contributions = new List<DistanceContribution>
        {
            Numeric("population", LogPopulation(council), LogPopulation(other), _population, _weights.LogPopulation,
                FormatPopulation(council), FormatPopulation(other)),
            Numeric("deprivation", council.DeprivationScore, other.DeprivationScore, _deprivation, _weights.Deprivation,
                FormatDeprivation(council), FormatDeprivation(other)),
            Numeric("rural_share", council.NonUrbanShare, other.NonUrbanShare, _rural, _weights.RuralShare,
                FormatRural(council), FormatRural(other)),
            new("governance_type", council.GovernanceType, other.GovernanceType, GovernancePenalty(council.GovernanceType, other.GovernanceType)),
            new("place", FormatPlace(council), FormatPlace(other), PlacePenalty(council, other)),
        };

        var distance = Math.Sqrt(contributions.Sum(c => c.Contribution));
        return new CouncilNeighbour(other, distance, [.. contributions.OrderByDescending(c => c.Contribution)]);
    }

    private DistanceContribution Numeric(string field, double? a, double? b, Scale scale, double weight, string aText, string bText)
    {
        if (a is null || b is null)
        {
            return new DistanceContribution(field, aText, bText, _weights.MissingValue);
        }

        var difference = (a.Value - b.Value) / scale.StandardDeviation;
        return new DistanceContribution(field, aText, bText, weight * difference * difference);
    }

    private double GovernancePenalty(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        var tiers = (GovernanceType.TierOf(a), GovernanceType.TierOf(b));
        return tiers switch
        {
            var (x, y) when x == y => _weights.SameTierOtherType,
            (CouncilTier.Upper, CouncilTier.Single) or (CouncilTier.Single, CouncilTier.Upper) => _weights.UpperAndSingleTier,
            _ => _weights.OtherTier,
        };
    }

    private double PlacePenalty(CouncilProfile a, CouncilProfile b)
    {
        if (a.Nation != b.Nation)
        {
            return _weights.OtherNation;
        }

        return a.Region == b.Region ? 0 : _weights.OtherRegion;
    }

    private static double? LogPopulation(CouncilProfile council) =>
        council.Population is > 0 ? Math.Log(council.Population.Value) : null;

    private static string FormatPopulation(CouncilProfile c) =>
        c.Population is { } p ? p.ToString("N0", CultureInfo.InvariantCulture) : "unknown";

    private static string FormatDeprivation(CouncilProfile c) =>
        string.Create(CultureInfo.InvariantCulture, $"score {c.DeprivationScore:0.0} (decile {c.DeprivationDecile})");

    private static string FormatRural(CouncilProfile c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.NonUrbanShare * 100:0}% rural ({c.RuralUrban})");

    private static string FormatPlace(CouncilProfile c) => c.Region == c.Nation ? c.Nation : $"{c.Region}, {c.Nation}";

    /// <summary>
    /// Population standard deviation of the values that are present. The mean is not kept: it cancels
    /// out of z(a) - z(b), so dividing the raw difference by the sd is the same distance.
    /// </summary>
    private readonly record struct Scale(double StandardDeviation)
    {
        public static Scale Of(IEnumerable<double?> values)
        {
            var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
            if (present.Length < 2)
            {
                return new Scale(1);
            }

            var mean = present.Average();
            var sd = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length);
            return new Scale(sd > 0 ? sd : 1);
        }
    }
}
