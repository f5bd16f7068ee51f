using Recommend.Matching.Text;

namespace Recommend.Benchmarks;

/// <summary>
/// A deterministic, practice-like corpus: titles and short descriptions in the phrasing of UK
/// council and public-service case studies, assembled from a fixed vocabulary with a seeded random
/// source, plus a long tail of made-up place and programme names so the vocabulary grows with the
/// corpus the way real text does. Nothing is downloaded; the same seed gives the same corpus.
/// </summary>
public static class SyntheticPractices
{
    private static readonly string[] Areas =
    [
        "adult social care", "children's services", "housing", "homelessness", "waste and recycling", "highways",
        "libraries", "public health", "planning", "leisure", "transport", "education", "youth services",
        "community safety", "climate action", "economic development", "revenues and benefits", "special educational needs",
    ];

    private static readonly string[] Methods =
    [
        "social prescribing", "early help", "digital triage", "multi-agency hub", "community wealth building",
        "co-production", "strengths-based practice", "family group conferencing", "housing first", "reablement",
        "participatory budgeting", "targeted outreach", "peer mentoring", "integrated commissioning",
        "data-led prevention", "place-based partnership", "trauma-informed practice", "assistive technology",
        "school-based mental health support", "active travel scheme", "retrofit programme", "food pantry network",
    ];

    private static readonly string[] Populations =
    [
        "older people", "care leavers", "young people not in education, employment or training", "families in temporary accommodation",
        "people sleeping rough", "carers", "children with special educational needs", "low-income households",
        "people with learning disabilities", "refugees and asylum seekers", "isolated rural residents", "new parents",
        "people leaving hospital", "tenants in private rented homes", "small businesses", "people with long-term conditions",
    ];

    private static readonly string[] Places =
    [
        "a rural district", "a coastal town", "a metropolitan borough", "a London borough", "a county council",
        "a unitary authority", "a market town", "an inner-city ward", "a former coalfield community", "a Welsh valley",
        "a Scottish island council", "a new town",
    ];

    private static readonly string[] Outcomes =
    [
        "reduced emergency hospital admissions", "improved school attendance", "fewer evictions", "shorter waiting times",
        "lower reoffending", "higher recycling rates", "more people back in work", "fewer children entering care",
        "reduced loneliness", "better air quality", "lower energy bills", "faster hospital discharge",
        "more residents walking and cycling", "improved wellbeing scores", "savings on temporary accommodation",
    ];

    private static readonly string[] Partners =
    [
        "the NHS integrated care board", "local GP practices", "housing associations", "the voluntary sector",
        "schools and colleges", "the police", "Jobcentre Plus", "community groups", "local employers", "faith groups",
    ];

    private static readonly string[] Evidence =
    [
        "An independent evaluation found", "Monitoring data showed", "A randomised trial reported", "The council reported",
        "A before-and-after study found", "Interim findings suggest", "A cost-benefit analysis estimated",
    ];

    private static readonly string[] Syllables =
    [
        "ash", "bor", "cal", "dun", "el", "fen", "gar", "ham", "ing", "kel", "ley", "mor", "ness", "ock", "pen",
        "quay", "ros", "stow", "thorp", "ton", "ux", "vale", "wick", "yard", "by", "comb", "den", "ford", "holm", "mere",
    ];

    public static List<TextDocument> Generate(int count, int seed = 2025)
    {
        var random = new Random(seed);
        var documents = new List<TextDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var method = Pick(random, Methods);
            var population = Pick(random, Populations);
            var area = Pick(random, Areas);
            var place = Pick(random, Places);
            var name = PlaceName(random);
            var title = random.Next(3) switch
            {
                0 => $"{Capitalise(method)} for {population} in {name}",
                1 => $"{name} {area} {method} pilot",
                _ => $"{Capitalise(area)}: {method} with {Pick(random, Partners)}",
            };

            var sentences = new List<string>
            {
                $"{name}, {place}, set up {Article(method)} {method} programme in {area} for {population}.",
                $"The scheme was run with {Pick(random, Partners)} and {Pick(random, Partners)}, funded for {random.Next(1, 6)} years at £{random.Next(50, 2000)}k a year.",
                $"{Pick(random, Evidence)} {Pick(random, Outcomes)} and {Pick(random, Outcomes)} after {random.Next(6, 37)} months.",
            };

            for (var extra = random.Next(0, 4); extra > 0; extra--)
            {
                sentences.Add(random.Next(3) switch
                {
                    0 => $"Staff used {Pick(random, Methods)} alongside {Pick(random, Methods)} to reach {Pick(random, Populations)}.",
                    1 => $"It has since been adopted by {PlaceName(random)} and {PlaceName(random)} as part of wider {Pick(random, Areas)} reform.",
                    _ => $"Lessons included the value of {Pick(random, Methods)} and early engagement with {Pick(random, Partners)}.",
                });
            }

            documents.Add(new TextDocument($"syn-{i:D6}", title, string.Join(' ', sentences)));
        }

        return documents;
    }

    /// <summary>Queries in the way a council officer might type them: two to eight words from the same vocabulary.</summary>
    public static List<string> Queries(int count, int seed = 7)
    {
        var random = new Random(seed);
        var queries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            queries.Add(random.Next(5) switch
            {
                0 => $"{Pick(random, Methods)} for {Pick(random, Populations)}",
                1 => $"{Pick(random, Outcomes)} {Pick(random, Areas)}",
                2 => $"{Pick(random, Methods)} {Pick(random, Places)}",
                3 => $"how to get {Pick(random, Outcomes)} with {Pick(random, Partners)}",
                _ => Pick(random, Areas),
            });
        }

        return queries;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

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

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
