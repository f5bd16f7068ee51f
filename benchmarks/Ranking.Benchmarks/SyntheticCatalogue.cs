using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;

namespace Recommend.Benchmarks.Ranking;

/// <summary>
/// A deterministic catalogue of practice records shaped like ours: every field the ranking reads is
/// filled with the spread the seed catalogue has (service areas, Nesta levels skewed low, many
/// unknown effects and cost bands, evidence contexts from several nations and governance types,
/// adopters with real council codes from data/councils/examples.json). Text is assembled per
/// service area from a fixed vocabulary plus a long tail of made-up place names, so the vocabulary
/// grows with the catalogue. Nothing is downloaded; the same seed gives the same catalogue.
/// </summary>
public static class SyntheticCatalogue
{
    private sealed record AreaVocabulary(string Area, string Label, string[] Methods, string[] Populations, string[] Outcomes);

    private static readonly AreaVocabulary[] Vocabulary =
    [
        new("adult_social_care", "adult social care",
            ["befriending service", "reablement at home", "community connectors", "shared lives placements", "strengths-based assessment", "assistive technology", "day opportunities", "carer respite breaks"],
            ["older people living alone", "people with dementia", "unpaid carers", "adults with learning disabilities", "people leaving hospital", "frail older residents"],
            ["loneliness", "independence", "hospital_admissions", "wellbeing", "care_home_admissions", "carer_strain"]),
        new("childrens_services", "children's services",
            ["family group conferencing", "early help hubs", "family hubs", "edge of care support", "kinship care support", "mentoring for care leavers", "parenting programme"],
            ["children on the edge of care", "care leavers", "new parents", "families under stress", "teenagers at risk of exploitation"],
            ["children_entering_care", "placement_stability", "family_wellbeing", "school_readiness", "exploitation"]),
        new("education", "education",
            ["small group tutoring", "reading recovery", "attendance mentors", "metacognition training", "breakfast clubs", "school-based counselling", "inclusion units"],
            ["pupils with special educational needs", "disadvantaged pupils", "persistently absent pupils", "children in primary schools", "secondary pupils"],
            ["attainment", "school_attendance", "exclusions", "reading_age", "wellbeing"]),
        new("public_health", "public health",
            ["social prescribing", "stop smoking service", "weight management", "health checks outreach", "community health champions", "falls prevention classes", "alcohol brief advice"],
            ["adults who smoke", "people with long-term conditions", "low-income households", "older people at risk of falls", "men in deprived wards"],
            ["smoking_quit_rate", "physical_activity", "falls", "healthy_weight", "health_inequalities"]),
        new("housing_homelessness", "housing and homelessness",
            ["housing first", "homelessness prevention casework", "private rented sector licensing", "tenancy sustainment", "rapid rehousing", "landlord incentive scheme", "damp and mould taskforce"],
            ["people sleeping rough", "families in temporary accommodation", "private tenants", "young people at risk of homelessness", "social housing tenants"],
            ["homelessness", "temporary_accommodation", "evictions", "tenancy_sustainment", "housing_conditions"]),
        new("community_safety", "community safety",
            ["hot spot policing", "youth diversion", "restorative justice", "domestic abuse advocates", "neighbourhood wardens", "street lighting upgrades", "focused deterrence"],
            ["young adults leaving custody", "victims of domestic abuse", "young people at risk of violence", "town centre businesses", "residents of high-crime estates"],
            ["reoffending", "violent_crime", "antisocial_behaviour", "fear_of_crime", "repeat_victimisation"]),
        new("environment_climate", "environment and climate",
            ["home retrofit programme", "community energy cooperative", "tree planting", "clean air zone", "solar on council buildings", "flood resilience grants"],
            ["households in fuel poverty", "residents near busy roads", "homeowners in older housing", "schools and community buildings"],
            ["carbon_emissions", "energy_bills", "air_quality", "fuel_poverty", "flood_risk"]),
        new("economy_skills", "economy and skills",
            ["employment support", "community wealth building", "apprenticeship levy transfer", "business growth hub", "high street renewal", "adult skills bootcamps"],
            ["young people not in education, employment or training", "long-term unemployed adults", "small businesses", "people with health conditions out of work"],
            ["employment", "skills", "business_survival", "local_spend", "earnings"]),
        new("transport", "transport",
            ["school streets", "demand-responsive bus", "active travel corridors", "community transport", "e-bike loan scheme", "20mph zones"],
            ["rural residents without a car", "children travelling to school", "commuters", "older people who no longer drive"],
            ["active_travel", "road_casualties", "access_to_services", "congestion", "bus_use"]),
        new("waste", "waste and recycling",
            ["food waste collection", "recycling on estates", "repair cafes", "fly-tipping enforcement", "reuse shop", "behavioural nudges on bins"],
            ["flats with communal bins", "households in terraced streets", "students in shared houses", "small traders"],
            ["recycling_rate", "residual_waste", "fly_tipping", "contamination", "reuse"]),
        new("culture_leisure", "culture and leisure",
            ["library makerspaces", "arts on prescription", "free swimming", "heritage volunteering", "parks activation", "community festivals"],
            ["isolated older residents", "young people in the holidays", "families on low incomes", "people with mental health needs"],
            ["participation", "wellbeing", "loneliness", "physical_activity", "civic_pride"]),
        new("revenues_benefits", "revenues and benefits",
            ["council tax support redesign", "benefit take-up campaign", "debt advice in GP surgeries", "household support fund targeting", "data matching for pension credit"],
            ["households in arrears", "pensioners missing pension credit", "families on universal credit", "self-employed residents"],
            ["benefit_take_up", "arrears", "financial_resilience", "collection_rate", "crisis_payments"]),
        new("digital_corporate", "digital and corporate",
            ["digital inclusion hubs", "device lending", "automated triage", "single view of the resident", "chatbot for council tax", "shared services"],
            ["residents offline", "older people new to the internet", "front-line staff", "contact centre callers"],
            ["digital_inclusion", "contact_volumes", "savings", "resolution_time", "satisfaction"]),
        new("democracy_engagement", "democracy and engagement",
            ["citizens' assembly", "participatory budgeting", "youth council", "community asset transfer", "neighbourhood forums", "co-production panels"],
            ["under-represented residents", "young people", "tenants' associations", "community groups"],
            ["participation", "trust", "voter_turnout", "community_cohesion", "decisions_influenced"]),
    ];

    private static readonly string[] Places =
    [
        "a rural district", "a coastal town", "a metropolitan borough", "a London borough", "a county council",
        "a unitary authority", "a market town", "an inner-city ward", "a former coalfield community", "a Welsh valley",
        "a Scottish island council", "a new town", "a Northern Ireland district", "a seaside resort", "a university city",
    ];

    private static readonly string[] Partners =
    [
        "the NHS integrated care board", "local GP practices", "housing associations", "the voluntary sector",
        "schools and colleges", "the police", "Jobcentre Plus", "community groups", "local employers", "faith groups",
        "the fire and rescue service", "the probation service", "health visitors", "social landlords",
    ];

    private static readonly string[] EvidencePhrases =
    [
        "An independent evaluation found", "Monitoring data showed", "A randomised trial reported", "The council reported",
        "A before-and-after study found", "Interim findings suggest", "A cost-benefit analysis estimated", "A quasi-experimental study found",
    ];

    private static readonly string[] Sources =
    [
        "LGA case study", "EEF Teaching and Learning Toolkit", "Foundations Guidebook", "College of Policing Crime Reduction Toolkit",
        "NICE guidance", "What Works Centre for Wellbeing", "OECD OPSI case study", "Nesta", "Council evaluation report", "Youth Endowment Fund Toolkit",
    ];

    private static readonly string[] Syllables =
    [
        "ash", "bor", "cal", "dun", "el", "fen", "gar", "ham", "ing", "kel", "ley", "mor", "ness", "ock", "pen",
        "quay", "ros", "stow", "thorp", "ton", "ux", "vale", "wick", "yard", "by", "comb", "den", "ford", "holm", "mere",
    ];

    private static readonly string[] PracticeTypes = ["programme", "intervention", "approach", "service_model", "policy", "technology", "case_study"];
    private static readonly string[] AudienceNames = ["executive", "commissioner", "manager", "frontline"];
    private static readonly string[] AdopterStatuses = ["pilot", "implemented", "scaled", "evaluated", "discontinued"];
    private static readonly string[] NeedLevels = ["universal", "targeted", "specialist"];
    private static readonly string[] OverseasCountries = ["United States", "Australia", "Netherlands", "Denmark", "Canada", "New Zealand", "Finland"];
    private static readonly string[] UkCountries = [Nation.England, Nation.England, Nation.England, Nation.Scotland, Nation.Wales, Nation.NorthernIreland, "UK"];
    private static readonly string[] ContextGovernance = [.. GovernanceType.All, "national"];

    /// <summary>Generates <paramref name="count"/> practices with ids syn-000000, syn-000001, ... (already in id order).</summary>
    public static List<Practice> Generate(int count, IReadOnlyList<CouncilProfile> councils, int seed = 2026)
    {
        var adopterPool = councils.Where(c => c.Code.Length == 3).ToArray();
        var random = new Random(seed);
        var practices = new List<Practice>(count);
        for (var i = 0; i < count; i++)
        {
            practices.Add(One(random, i, adopterPool));
        }

        return practices;
    }

    private static Practice One(Random random, int i, CouncilProfile[] adopterPool)
    {
        var vocabulary = Pick(random, Vocabulary);
        var method = Pick(random, vocabulary.Methods);
        var population = Pick(random, vocabulary.Populations);
        var outcomes = vocabulary.Outcomes.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var name = PlaceName(random);
        var place = Pick(random, Places);
        var partner = Pick(random, Partners);
        var title = random.Next(4) switch
        {
            0 => $"{Capitalise(method)} for {population} in {name}",
            1 => $"{name} {method} pilot",
            2 => $"{Capitalise(vocabulary.Label)}: {method} with {partner}",
            _ => $"{Capitalise(method)} to improve {Words(outcomes[0])}",
        };

        var summary = $"{name}, {place}, used {Article(method)} {method} with {partner} to improve {Words(outcomes[0])} for {population}.";
        var sentences = new List<string>
        {
            $"{name} set up {Article(method)} {method} in {vocabulary.Label} for {population}, after rising demand and a review of what had worked elsewhere.",
            $"The scheme was run with {partner} and {Pick(random, Partners)}, funded for {random.Next(1, 6)} years at £{random.Next(50, 2000)}k a year, and reached {random.Next(40, 5000)} people.",
            $"{Pick(random, EvidencePhrases)} {Words(Pick(random, vocabulary.Outcomes))} improved and {Words(Pick(random, vocabulary.Outcomes))} changed after {random.Next(6, 37)} months.",
        };

        for (var extra = random.Next(0, 4); extra > 0; extra--)
        {
            var other = Pick(random, Vocabulary);
            sentences.Add(random.Next(3) switch
            {
                0 => $"Staff combined it with {Pick(random, other.Methods)} to reach {Pick(random, other.Populations)}.",
                1 => $"It has since been adopted by {PlaceName(random)} and {PlaceName(random)} as part of wider {other.Label} reform.",
                _ => $"Lessons included the value of {Pick(random, vocabulary.Methods)} and early engagement with {Pick(random, Partners)}.",
            });
        }

        var areas = new List<string> { vocabulary.Area };
        for (var extra = random.Next(0, 3); extra > 0; extra--)
        {
            var area = Pick(random, Vocabulary).Area;
            if (!areas.Contains(area))
            {
                areas.Add(area);
            }
        }

        return new Practice
        {
            Id = $"syn-{i:D6}",
            Title = title,
            Summary = summary,
            Description = string.Join(' ', sentences),
            Source = Pick(random, Sources),
            SourceUrl = $"https://example.org/practices/syn-{i:D6}",
            PracticeType = Pick(random, PracticeTypes),
            ServiceAreas = areas,
            Outcomes = outcomes,
            Population = random.Next(4) == 0 ? null : new PracticePopulation
            {
                AgeMin = random.Next(3) == 0 ? random.Next(0, 70) : null,
                Groups = [population],
                NeedLevel = Pick(random, NeedLevels),
            },
            Evidence = EvidenceFor(random),
            Cost = new Cost { Band = random.Next(2) == 0 ? null : random.Next(1, 6) },
            Implementation = random.Next(3) == 0 ? null : new Implementation { SetupMonths = random.Next(1, 25), Workforce = $"{Capitalise(vocabulary.Label)} team", Settings = ["community"] },
            Mechanism = $"{Capitalise(method)} works by changing how {population} are reached and supported.",
            EvidenceContext = random.Next(20) == 0 ? null : ContextFor(random),
            Adopters = AdoptersFor(random, adopterPool),
            Audiences = [.. AudienceNames.Where(_ => random.Next(2) == 0).DefaultIfEmpty("manager")],
        };
    }

    // Levels skewed low and many unrated, effects often unknown: the shape of the seed catalogue.
    private static Evidence EvidenceFor(Random random)
    {
        int? level = random.Next(100) switch
        {
            < 12 => null,
            < 44 => 1,
            < 76 => 2,
            < 90 => 3,
            < 97 => 4,
            _ => 5,
        };
        var direction = random.Next(100) switch
        {
            < 46 => "positive",
            < 86 => "unknown",
            < 94 => "mixed",
            < 97 => "none",
            _ => "negative",
        };
        return new Evidence
        {
            Level = level,
            SourceRating = level is null ? null : $"level {level}",
            EffectDirection = direction,
            MonthsProgress = random.Next(5) == 0 ? random.Next(-2, 8) : null,
            UkEvidence = random.Next(3) == 0 ? null : random.Next(4) != 0,
        };
    }

    private static EvidenceContext ContextFor(Random random) => new()
    {
        Countries = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(6) == 0 ? Pick(random, OverseasCountries) : Pick(random, UkCountries)).Distinct()],
        GovernanceTypes = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, ContextGovernance)).Distinct()],
        RuralUrban = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Pick(random, RuralUrbanClass.All)).Distinct()],
        DeprivationQuintiles = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => random.Next(1, 6)).Distinct()],
        PopulationBands = [.. Enumerable.Range(0, random.Next(0, 2)).Select(_ => Pick(random, PopulationBand.All)).Distinct()],
    };

    // Most practices list no adopter; a few list several, some of them bodies without a council code.
    private static List<Adopter> AdoptersFor(Random random, CouncilProfile[] pool)
    {
        var count = random.Next(100) switch
        {
            < 55 => 0,
            < 80 => 1,
            < 92 => 2,
            _ => random.Next(3, 6),
        };
        var adopters = new List<Adopter>(count);
        for (var a = 0; a < count; a++)
        {
            if (random.Next(8) == 0)
            {
                adopters.Add(new Adopter { CouncilName = $"{PlaceName(random)} Housing Trust", Year = random.Next(2010, 2026) });
                continue;
            }

            var council = pool[random.Next(pool.Length)];
            if (adopters.Any(x => x.CouncilCode == council.Code))
            {
                continue;
            }

            adopters.Add(new Adopter { CouncilCode = council.Code, CouncilName = council.Name, Year = random.Next(2010, 2026), Status = Pick(random, AdopterStatuses) });
        }

        return adopters;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // Zipf-like: a few names recur often, most are rare, as place and programme names do.
    private static string PlaceName(Random random)
    {
        var rank = (int)Math.Min(1_000_000, Math.Floor(1 / Math.Pow(random.NextDouble() + 1e-9, 0.9)));
        var name = new System.Text.StringBuilder();
        var state = (uint)(rank * 2654435761u);
        for (var s = 0; s < 2 + (rank % 2); s++)
        {
            name.Append(Syllables[state % (uint)Syllables.Length]);
            state = (state * 1103515245u) + 12345u;
        }

        return Capitalise(name.ToString());
    }

    private static string Words(string slug) => slug.Replace('_', ' ');

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
