namespace Recommend.Contracts.Practices;

/// <summary>
/// Checks a practice against the catalogue rules (the same rules as practice.schema.json).
/// Used by the seed loader, the importers and the ingest worker, so every path in applies the same bar.
/// </summary>
public static class PracticeValidator
{
    public static readonly IReadOnlySet<string> PracticeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "programme", "intervention", "approach", "service_model", "policy", "technology", "case_study",
    };

    public static readonly IReadOnlySet<string> EffectDirections = new HashSet<string>(StringComparer.Ordinal)
    {
        "positive", "mixed", "none", "negative", "unknown",
    };

    public static readonly IReadOnlySet<string> Audiences = new HashSet<string>(StringComparer.Ordinal)
    {
        "executive", "commissioner", "manager", "frontline",
    };

    public static readonly IReadOnlySet<string> GovernanceTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "county", "district", "unitary", "metropolitan_district", "london_borough", "scottish_council",
        "welsh_principal", "ni_district", "combined_authority", "national",
    };

    public static readonly IReadOnlySet<string> RuralUrbanClasses = new HashSet<string>(StringComparer.Ordinal)
    {
        "urban", "urban_with_rural", "rural", "sparse_rural",
    };

    public static readonly IReadOnlySet<string> PopulationBands = new HashSet<string>(StringComparer.Ordinal)
    {
        "small", "medium", "large", "very_large",
    };

    public const int MaxIdLength = 80;
    public const int MaxProblems = 6;

    public static IReadOnlyList<ValidationError> Validate(Practice practice)
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (string.IsNullOrWhiteSpace(practice.Id) || practice.Id.Length > MaxIdLength || !IsSlug(practice.Id))
        {
            Fail("id", $"must be a lowercase kebab-case slug of at most {MaxIdLength} characters");
        }

        CheckLength(practice.Title, "title", 5, 140, Fail);
        CheckLength(practice.Summary, "summary", 40, 400, Fail);
        CheckLength(practice.Description, "description", 200, 3000, Fail);
        CheckLength(practice.Source, "source", 3, 300, Fail);

        if (!IsWebAddress(practice.SourceUrl))
        {
            Fail("source_url", "must be an absolute http(s) URL");
        }

        if (!SourceUrlKinds.IsKnown(practice.SourceUrlKind))
        {
            Fail("source_url_kind", $"must be {SourceUrlKinds.Specific} or {SourceUrlKinds.General}");
        }

        foreach (var more in practice.MoreSources)
        {
            if (string.IsNullOrWhiteSpace(more.Source) || !IsWebAddress(more.Url))
            {
                Fail("more_sources", "each needs a source name and an absolute http(s) URL");
            }
        }

        if (!PracticeTypes.Contains(practice.PracticeType))
        {
            Fail("practice_type", $"must be one of {string.Join(", ", PracticeTypes)}");
        }

        if (practice.ServiceAreas.Count == 0)
        {
            Fail("service_areas", "needs at least one service area");
        }

        foreach (var area in practice.ServiceAreas.Where(a => !ServiceArea.IsKnown(a)))
        {
            Fail("service_areas", $"'{area}' is not a service area; allowed: {string.Join(", ", ServiceArea.All)}");
        }

        if (practice.ServiceAreas.Distinct(StringComparer.Ordinal).Count() != practice.ServiceAreas.Count)
        {
            Fail("service_areas", "lists an area twice");
        }

        if (practice.Outcomes.Count == 0)
        {
            Fail("outcomes", "needs at least one outcome");
        }

        if (practice.Problems.Count > MaxProblems)
        {
            Fail("problems", $"lists at most {MaxProblems} problems");
        }

        foreach (var problem in practice.Problems)
        {
            CheckLength(problem, "problems", 15, 200, Fail);
        }

        ValidateEvidence(practice.Evidence, Fail);
        ValidateCost(practice.Cost, Fail);
        ValidatePopulation(practice.Population, Fail);
        ValidateContext(practice.EvidenceContext, Fail);

        if (practice.Implementation?.SetupMonths is < 0 or > 120)
        {
            Fail("implementation.setup_months", "must be between 0 and 120");
        }

        foreach (var adopter in practice.Adopters)
        {
            if (string.IsNullOrWhiteSpace(adopter.CouncilName))
            {
                Fail("adopters.council_name", "is required");
            }

            if (adopter.CouncilCode is { } code && (code.Length != 3 || !code.All(char.IsAsciiLetterUpper)))
            {
                Fail("adopters.council_code", $"'{code}' is not a 3-letter council code");
            }

            if (adopter.Year is < 1950 or > 2030)
            {
                Fail("adopters.year", $"{adopter.Year} is out of range");
            }
        }

        if (practice.Audiences.Count == 0)
        {
            Fail("audiences", "needs at least one audience");
        }

        foreach (var audience in practice.Audiences.Where(a => !Audiences.Contains(a)))
        {
            Fail("audiences", $"'{audience}' is not one of {string.Join(", ", Audiences)}");
        }

        return errors;
    }

    private static void ValidateEvidence(Evidence? evidence, Action<string, string> fail)
    {
        if (evidence is null)
        {
            fail("evidence", "is required (use level null for unrated evidence)");
            return;
        }

        if (evidence.Level is < 1 or > 5)
        {
            fail("evidence.level", "must be 1-5 (Nesta Standards of Evidence) or null when unrated");
        }

        if (!EffectDirections.Contains(evidence.EffectDirection))
        {
            fail("evidence.effect_direction", $"must be one of {string.Join(", ", EffectDirections)}");
        }

        if (evidence.MonthsProgress is < -12 or > 12)
        {
            fail("evidence.months_progress", "must be between -12 and 12");
        }

        if (evidence.NStudies is < 0)
        {
            fail("evidence.n_studies", "cannot be negative");
        }

        if (evidence.LevelReason is { } reason && string.IsNullOrWhiteSpace(reason))
        {
            fail("evidence.level_reason", "must say why, or be left out");
        }

        if (evidence.RatingGrade is not null && string.IsNullOrWhiteSpace(evidence.RatingScale))
        {
            fail("evidence.rating_scale", "is required when a rating grade is given");
        }

        // A count of studies says how much was looked at, not whether it works: it cannot carry a level above 1.
        if (EvidenceScales.IsVolumeOnly(evidence.RatingScale))
        {
            if (evidence.Level is > 1)
            {
                fail("evidence.level", $"'{evidence.RatingScale}' counts studies only: the level is unrated (null) or 1");
            }

            if (evidence.NStudies is null)
            {
                fail("evidence.n_studies", $"'{evidence.RatingScale}' counts studies: give the count");
            }

            if (evidence.EffectDirection != "unknown")
            {
                fail("evidence.effect_direction", $"'{evidence.RatingScale}' counts studies and says nothing of the effect: the direction is unknown");
            }
        }
    }

    private static void ValidateCost(Cost? cost, Action<string, string> fail)
    {
        if (cost is null)
        {
            fail("cost", "is required (use band null when no cost is published)");
            return;
        }

        if (cost.Band is < 1 or > 5)
        {
            fail("cost.band", "must be 1-5 or null");
        }

        if (cost.UnitCostMin is < 0 || cost.UnitCostMax is < 0 || (cost.UnitCostMin > cost.UnitCostMax))
        {
            fail("cost.unit_cost_min", "unit costs must be non-negative with min <= max");
        }
    }

    private static void ValidatePopulation(PracticePopulation? population, Action<string, string> fail)
    {
        if (population is null)
        {
            return;
        }

        if (population.AgeMin is < 0 or > 120 || population.AgeMax is < 0 or > 120 || population.AgeMin > population.AgeMax)
        {
            fail("population", "ages must be 0-120 with age_min <= age_max");
        }

        if (population.NeedLevel is not (null or "universal" or "targeted" or "specialist"))
        {
            fail("population.need_level", "must be universal, targeted or specialist");
        }
    }

    private static void ValidateContext(EvidenceContext? context, Action<string, string> fail)
    {
        if (context is null)
        {
            return;
        }

        foreach (var value in context.GovernanceTypes.Where(v => !GovernanceTypes.Contains(v)))
        {
            fail("evidence_context.governance_types", $"'{value}' is not one of {string.Join(", ", GovernanceTypes)}");
        }

        foreach (var value in context.RuralUrban.Where(v => !RuralUrbanClasses.Contains(v)))
        {
            fail("evidence_context.rural_urban", $"'{value}' is not one of {string.Join(", ", RuralUrbanClasses)}");
        }

        foreach (var value in context.PopulationBands.Where(v => !PopulationBands.Contains(v)))
        {
            fail("evidence_context.population_bands", $"'{value}' is not one of {string.Join(", ", PopulationBands)}");
        }

        if (context.DeprivationQuintiles.Any(q => q is < 1 or > 5))
        {
            fail("evidence_context.deprivation_quintiles", "must be 1-5 (1 = most deprived)");
        }
    }

    private static void CheckLength(string? value, string field, int min, int max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(field, "is required");
        }
        else if (value.Length < min || value.Length > max)
        {
            fail(field, $"must be {min}-{max} characters (was {value.Length})");
        }
    }

    private static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && url.Host.Contains('.', StringComparison.Ordinal);

    private static bool IsSlug(string id) =>
        id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !id.StartsWith('-') && !id.EndsWith('-') && !id.Contains("--", StringComparison.Ordinal);
}
