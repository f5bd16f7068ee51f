using Recommend.Matching.Ranking.Reported;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;

namespace Recommend.Matching.Ranking;

/// <summary>
/// Compares a council with the contexts a practice's evidence comes from (nation, governance type,
/// rurality, deprivation, size) and with who adopted it, and says what a difference may mean for
/// implementation. Unknown fields neither help nor hurt much: they pull the score towards
/// <see cref="UnknownPrior"/>, a little below the middle, because "shown to work somewhere like you"
/// should beat "no idea where it was shown to work".
/// </summary>
public static class ContextMatcher
{
    public const double UnknownPrior = 0.4;

    /// <summary>Share of the context score that adoption by similar councils carries.</summary>
    internal const double AdoptionShare = 0.2;

    /// <summary>Neighbours within this rank count fully as "similar"; up to <see cref="LooseNeighbourRank"/> count half.</summary>
    public const int CloseNeighbourRank = 10;
    public const int LooseNeighbourRank = 30;

    internal static readonly string[] UkNames = ["UK", "United Kingdom", "Great Britain", "GB"];
    internal static readonly string[] InternationalNames = ["International", "OECD countries"];
    internal static readonly string[] UkNations = [Nation.England, Nation.Scotland, Nation.Wales, Nation.NorthernIreland];

    /// <summary>How much each field counts towards the context score.</summary>
    public const double NationWeight = 1.0, GovernanceWeight = 1.0, RuralWeight = 1.5, DeprivationWeight = 1.0, PopulationWeight = 0.75;

    /// <summary>
    /// Compares one practice with the council; <c>neighbours</c> maps the council's nearest councils by
    /// code to their rank (1 = nearest); <c>reportedAdopters</c> are councils that reported, with their
    /// keys, running it, counted as adopters like the catalogue's own.
    /// </summary>
    public static ContextMatch Match(CouncilContext council, Practice practice, IReadOnlyDictionary<string, int> neighbours, IReadOnlyList<ReportedAdopter>? reportedAdopters = null)
    {
        var context = practice.EvidenceContext ?? new EvidenceContext();
        var notes = new List<string>();
        var fields = new List<ContextFieldMatch>();

        AddIfKnown(fields, CompareNation(council, context.Countries, notes));
        AddIfKnown(fields, CompareGovernance(council, context.GovernanceTypes, notes));
        AddIfKnown(fields, CompareRurality(council, context.RuralUrban, notes));
        AddIfKnown(fields, CompareDeprivation(council, context.DeprivationQuintiles, notes));
        AddIfKnown(fields, ComparePopulation(council, context.PopulationBands, notes));

        // The figures are the ranking's own, so a shown result's score is the one it was ranked by.
        var figures = ContextScorer.Score(council, practice, neighbours, reportedAdopters);
        var adopters = SimilarAdopters(council, practice, neighbours, reportedAdopters ?? []);
        if (adopters.FirstOrDefault(a => a.IsThisCouncil) is { } own)
        {
            notes.Insert(0, $"{own.Name} is already listed as an adopter{(own.Year is { } y ? $" ({y})" : "")}: check what happened locally before starting again.");
        }

        return new ContextMatch
        {
            Score = figures.Score,
            Coverage = figures.Coverage,
            Closeness = figures.Closeness,
            Fields = fields,
            SimilarAdopters = adopters,
            AdaptationNotes = notes,
        };
    }

    /// <summary>The context score from its parts; <see cref="ContextScorer"/> blends them the same way.</summary>
    internal static double Blend(double coverage, double closeness, double adoption)
    {
        var contextual = (coverage * closeness) + ((1 - coverage) * UnknownPrior);
        return ((1 - AdoptionShare) * contextual) + (AdoptionShare * adoption);
    }

    /// <summary>Rurality steps apart: one is close, two differ, urban against sparse rural shares nothing.</summary>
    internal static double RuralSimilarity(int steps) => steps switch { 0 => 1.0, 1 => 0.6, 2 => 0.25, _ => 0.0 };

    /// <summary>Deprivation quintiles or population bands apart.</summary>
    internal static double GradedSimilarity(int steps) => steps switch { 0 => 1.0, 1 => 0.7, 2 => 0.4, _ => 0.1 };

    private static void AddIfKnown(List<ContextFieldMatch> fields, ContextFieldMatch? match)
    {
        if (match is not null)
        {
            fields.Add(match);
        }
    }

    private static ContextFieldMatch? CompareNation(CouncilContext council, List<string> countries, List<string> notes)
    {
        if (council.Nation is null)
        {
            return null;
        }

        if (ContextScorer.NationSimilarity(council.Nation, countries) is not { } similarity)
        {
            return new("nation", council.Nation, [], Verdicts.Unknown, 0);
        }

        // The council's own nation, or UK-wide evidence: nothing to adapt.
        if (similarity >= 0.85)
        {
            return new("nation", council.Nation, countries, Verdict(similarity), similarity);
        }

        // International reviews and other UK nations score alike; they read differently.
        if (countries.Any(c => InternationalNames.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            notes.Add("The evidence is international and may include UK studies: check whether the UK results agree before relying on it.");
            return new("nation", council.Nation, countries, Verdicts.Close, similarity);
        }

        var otherNations = countries.Where(c => UkNations.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (otherNations.Count > 0)
        {
            notes.Add($"The evidence comes from {string.Join(" and ", otherNations)}, not {council.Nation}: check differences in legislation, funding routes and which body delivers the service here.");
            return new("nation", council.Nation, countries, Verdicts.Differs, similarity);
        }

        notes.Add($"The evidence comes from outside the UK ({string.Join(", ", countries)}): services, funding and legal duties differ, so pilot and evaluate locally before scaling.");
        return new("nation", council.Nation, countries, Verdicts.Differs, similarity);
    }

    private static ContextFieldMatch? CompareGovernance(CouncilContext council, List<string> types, List<string> notes)
    {
        if (council.GovernanceType is null)
        {
            return null;
        }

        if (ContextScorer.GovernanceSimilarity(council.GovernanceType, types) is not { } similarity)
        {
            return new("governance_type", council.GovernanceType, types, Verdicts.Unknown, 0);
        }

        var evidence = types.Where(t => t != "national").ToList();
        var verdict = Verdict(similarity);
        if (verdict == Verdicts.Differs)
        {
            notes.Add(TierNote(council.GovernanceType, GovernanceType.TierOf(council.GovernanceType), evidence));
        }

        return new("governance_type", council.GovernanceType, evidence, verdict, similarity);
    }

    private static string TierNote(string type, CouncilTier tier, List<string> evidence)
    {
        var shown = string.Join(", ", evidence.Select(t => t.Replace('_', ' ')));
        return tier switch
        {
            CouncilTier.Upper => $"Shown in {shown} councils; as a county you hold social care, education and highways but not housing or waste collection, so partner with your districts for those parts.",
            CouncilTier.Lower => $"Shown in {shown} councils; as a district you hold housing, planning and waste collection but not social care or education, so partner with the county or health bodies for those parts.",
            CouncilTier.Strategic => $"Shown in {shown} councils; a combined authority would need its constituent councils to deliver locally.",
            _ => $"Shown in {shown} councils; as a single-tier council you hold all the services involved, which can make joining them up easier than where the evidence comes from.",
        };
    }

    private static ContextFieldMatch? CompareRurality(CouncilContext council, List<string> classes, List<string> notes)
    {
        if (council.RuralUrban is null)
        {
            return null;
        }

        if (ContextScorer.NearestRural(council.RuralUrban, classes) is not var (nearest, gap))
        {
            return new("rural_urban", council.RuralUrban, [], Verdicts.Unknown, 0);
        }

        var known = classes.Where(c => RuralOrder(c) >= 0).ToList();
        var similarity = RuralSimilarity(Math.Abs(gap));
        if (gap > 0)
        {
            notes.Add($"Shown in more rural places ({nearest.Replace('_', ' ')}) than yours ({council.RuralUrban.Replace('_', ' ')}): demand and caseloads will be denser, so plan for capacity and for a more mixed population.");
        }
        else if (gap < 0)
        {
            notes.Add($"Shown in more urban places ({string.Join(", ", known).Replace('_', ' ')}) than yours ({council.RuralUrban.Replace('_', ' ')}): expect longer travel, dispersed users and thinner volunteer and provider markets; budget for outreach, transport or digital delivery.");
        }

        return new("rural_urban", council.RuralUrban, known, Verdict(similarity), similarity);
    }

    private static ContextFieldMatch? CompareDeprivation(CouncilContext council, List<int> quintiles, List<string> notes)
    {
        if (council.DeprivationQuintile is not { } own)
        {
            return null;
        }

        var value = $"decile {council.DeprivationDecile} (quintile {own}; 1 = most deprived)";
        if (ContextScorer.NearestQuintile(own, quintiles) is not { } gap)
        {
            return new("deprivation", value, [], Verdicts.Unknown, 0);
        }

        var similarity = GradedSimilarity(Math.Abs(gap));
        if (gap >= 2)
        {
            notes.Add("Your area is more deprived than where this was tested: need is likely to be higher and more complex, so plan for more intensive support, longer engagement and higher take-up.");
        }
        else if (gap <= -2)
        {
            notes.Add("Your area is less deprived than where this was tested: fewer people will qualify and they may be scattered, so target carefully (data matching, referral routes) to reach them.");
        }

        return new("deprivation", value, quintiles.Select(q => $"quintile {q}").ToList(), Verdict(similarity), similarity);
    }

    private static ContextFieldMatch? ComparePopulation(CouncilContext council, List<string> bands, List<string> notes)
    {
        if (council.PopulationBand is not { } own)
        {
            return null;
        }

        if (ContextScorer.NearestBand(own, bands) is not { } gap)
        {
            return new("population", own, [], Verdicts.Unknown, 0);
        }

        var known = bands.Where(b => BandOrder(b) >= 0).ToList();
        var similarity = GradedSimilarity(Math.Abs(gap));
        if (gap >= 2)
        {
            notes.Add("Shown in much larger places than yours: fixed costs (a team, a system) weigh more at your size; consider sharing the service with neighbouring councils.");
        }
        else if (gap <= -2)
        {
            notes.Add("Shown in much smaller places than yours: roll out in phases and check that capacity (staff, providers) scales with demand.");
        }

        return new("population", own.Replace('_', ' '), known, Verdict(similarity), similarity);
    }

    private static List<SimilarAdopter> SimilarAdopters(CouncilContext council, Practice practice, IReadOnlyDictionary<string, int> neighbours, IReadOnlyList<ReportedAdopter> reportedAdopters)
    {
        var result = new List<SimilarAdopter>();
        foreach (var adopter in practice.Adopters.Where(a => a.CouncilCode is not null))
        {
            var isThis = council.Code is not null && string.Equals(adopter.CouncilCode, council.Code, StringComparison.OrdinalIgnoreCase);
            if (isThis || (neighbours.TryGetValue(adopter.CouncilCode!, out var rank) && rank <= LooseNeighbourRank))
            {
                result.Add(new SimilarAdopter(adopter.CouncilCode, adopter.CouncilName, adopter.Year, adopter.Status, isThis ? null : neighbours[adopter.CouncilCode!], isThis));
            }
        }

        // A council the catalogue already lists is not counted twice.
        foreach (var adopter in reportedAdopters.Where(f => !result.Any(r => string.Equals(r.Code, f.Code, StringComparison.OrdinalIgnoreCase))))
        {
            var isThis = council.Code is not null && string.Equals(adopter.Code, council.Code, StringComparison.OrdinalIgnoreCase);
            if (isThis || (neighbours.TryGetValue(adopter.Code, out var rank) && rank <= LooseNeighbourRank))
            {
                var status = $"{adopter.Status}, reported by the council{(adopter.Started is { } started ? $" (since {started})" : "")}";
                result.Add(new SimilarAdopter(adopter.Code, adopter.Name, null, status, isThis ? null : neighbours[adopter.Code], isThis, FromFeedback: true));
            }
        }

        return [.. result.OrderBy(a => a.IsThisCouncil ? 0 : a.NeighbourRank)];
    }

    internal static int RuralOrder(string value) => value switch
    {
        RuralUrbanClass.Urban => 0,
        RuralUrbanClass.UrbanWithRural => 1,
        RuralUrbanClass.Rural => 2,
        RuralUrbanClass.SparseRural => 3,
        _ => -1,
    };

    internal static int BandOrder(string value) => value switch
    {
        PopulationBand.Small => 0,
        PopulationBand.Medium => 1,
        PopulationBand.Large => 2,
        PopulationBand.VeryLarge => 3,
        _ => -1,
    };

    private static string Verdict(double similarity) => similarity switch
    {
        >= 0.99 => Verdicts.Match,
        >= 0.6 => Verdicts.Close,
        _ => Verdicts.Differs,
    };

    /// <summary>The words a result uses for each field.</summary>
    public static class Verdicts
    {
        public const string Match = "match";
        public const string Close = "close";
        public const string Differs = "differs";
        public const string Unknown = "unknown";
    }
}
