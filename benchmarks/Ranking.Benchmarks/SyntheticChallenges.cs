namespace Recommend.Benchmarks.Ranking;

/// <summary>
/// Challenges in the way a council officer types them into the form: one or two sentences, 6 to 40
/// words, about an outcome for a group of residents, sometimes with a constraint. Distinct, seeded.
/// </summary>
public static class SyntheticChallenges
{
    // What a council wants to change, each with the residents it is usually about.
    private static readonly (string Aim, string[] Groups)[] Topics =
    [
        ("reduce loneliness among", ["older residents", "unpaid carers", "people with dementia", "new parents", "older people living alone"]),
        ("cut emergency hospital admissions for", ["frail older people", "people with long-term conditions", "older people at risk of falls", "people with dementia"]),
        ("improve school attendance of", ["pupils with special educational needs", "disadvantaged pupils", "young carers", "children in temporary accommodation"]),
        ("get more work and training for", ["young people not in education, employment or training", "care leavers", "long-term unemployed adults", "people with health conditions"]),
        ("prevent homelessness among", ["families in private rented homes", "young people leaving home", "care leavers", "people leaving prison"]),
        ("reduce reoffending by", ["young adults leaving custody", "prolific shoplifters", "perpetrators of domestic abuse"]),
        ("keep more children safely at home with", ["families under stress", "parents misusing drugs or alcohol", "teenagers at risk of exploitation"]),
        ("help with energy bills for", ["households in fuel poverty", "tenants in cold damp private rented homes", "pensioners on low incomes"]),
        ("reduce antisocial behaviour affecting", ["residents of our largest estates", "town centre businesses", "bus passengers"]),
        ("increase recycling by", ["households in flats with communal bins", "students in shared houses", "residents of terraced streets"]),
        ("improve access to services for", ["residents without a car", "people who are offline", "disabled residents"]),
        ("raise reading ages of", ["disadvantaged pupils", "boys in primary schools", "children with English as an additional language"]),
        ("find secure homes for", ["families in temporary accommodation", "people sleeping rough", "survivors of domestic abuse"]),
        ("support", ["unpaid carers close to breaking point", "people with learning disabilities", "refugees settling in the area", "small businesses on the high street"]),
        ("get more physical activity into the lives of", ["inactive adults", "children from low-income families", "people with long-term conditions"]),
    ];

    private static readonly string[] Settings =
    [
        "in rural villages", "in our coastal towns", "on our largest estates", "across the county", "in the town centre", "in a deprived inner-city ward",
        "in former mining communities", "on the islands", "in our market towns", "across the borough", "", "", "",
    ];

    private static readonly string[] Constraints =
    [
        "We have very little budget this year.", "It needs to work with the NHS and the voluntary sector.", "We need results within a year.",
        "Staff turnover is high and recruitment is hard.", "Transport links are poor and distances are long.", "The council wants something with strong evidence.",
        "Demand has doubled since the pandemic.", "We would like to involve residents in the design.",
    ];

    public static List<string> Generate(int count, int seed = 11)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var challenges = new List<string>(count);
        while (challenges.Count < count)
        {
            var (aim, groups) = Topics[random.Next(Topics.Length)];
            var text = $"{aim} {Pick(random, groups)} {Pick(random, Settings)}".Trim();
            if (random.Next(3) == 0)
            {
                text += ". " + Pick(random, Constraints);
            }

            if (random.Next(5) == 0)
            {
                text += " " + Pick(random, Constraints);
            }

            if (seen.Add(text))
            {
                challenges.Add(text);
            }
        }

        return challenges;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
