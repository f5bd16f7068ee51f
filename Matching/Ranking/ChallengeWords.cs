using Recommend.Matching.Text.Lexical;

namespace Recommend.Matching.Ranking;

/// <summary>
/// The words councils use to frame any challenge rather than to name it: what they want done
/// ("reduce", "improve", "tackle"), how much ("more", "rising", "numbers"), and who asks or is
/// served in general ("we", "council", "residents", "people"). In a catalogue of a few hundred
/// practices such words are rare enough to get a high idf, so a practice that shares only them
/// ("reduce ... deaths" on road safety for a drug-deaths question, "young people" on any youth
/// practice) could outrank one that shares the topic. They keep a quarter of their weight: still
/// a tie-breaker, no longer a match on their own. Topic words stay whole even when broad
/// ("young", "children", "older", "housing"): they narrow who the practice is for; so do words that
/// are generic only sometimes ("stop" smoking, "high" street, business "rates", "falls", "county"
/// lines, "public" health, "community" safety, "low" income, back to "work", "town" centre).
/// Matched as typed (folded, before stemming), so each inflection is listed.
/// </summary>
public static class ChallengeWords
{
    public const float GenericWeight = 0.25f;

    public static IReadOnlyList<string> Generic { get; } =
    [
        // what the asker wants done
        "reduce", "reduces", "reducing", "reduction", "cut", "cutting", "improve", "improves",
        "improving", "improvement", "increase", "increases", "increasing", "raise", "raising",
        "boost", "boosting", "tackle", "tackling", "address", "addressing", "deal", "dealing",
        "help", "helping", "helps", "want", "wants", "need", "needs", "needed", "looking", "find",
        "finding", "get", "getting", "make", "making", "keep", "keeping", "better", "best", "ways",
        "way", "ideas", "approach", "approaches", "options", "what", "how", "can", "could",
        "should", "would", "do", "does", "doing", "done",
        // how much, how fast
        "more", "most", "fewer", "less", "many", "much", "lot", "lots", "higher", "rising", "rise",
        "rises", "risen", "growing", "grown", "number", "numbers", "level", "levels", "too", "very",
        "still", "again", "year", "years", "last", "recent", "recently", "now", "current", "currently",
        // who asks, where, in general
        "we", "our", "us", "council", "councils", "local", "area", "areas", "borough", "district",
        "city", "residents", "resident", "people", "person", "services", "service", "problem",
        "problems", "issue", "issues", "challenge", "challenges", "struggling", "struggle",
        "struggles", "across", "within",
    ];

    /// <summary>
    /// Function words beyond Lucene's short stop list (which the index keeps, for comparability with
    /// published baselines): in a challenge they never name its topic, yet "from", "over" or the "s"
    /// of "mum's" matched practices. Dropped from challenges altogether.
    /// </summary>
    public static IReadOnlyList<string> Function { get; } =
    [
        "about", "above", "after", "against", "all", "also", "always", "am", "any", "because", "been",
        "before", "being", "below", "between", "both", "did", "during", "each", "even", "ever", "every",
        "few", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "i",
        "its", "just", "like", "may", "me", "might", "must", "my", "nor", "off", "often", "once", "only",
        "other", "others", "out", "over", "own", "same", "she", "so", "some", "than", "them", "those",
        "through", "until", "upon", "when", "where", "which", "while", "who", "whom", "whose",
        "why", "yet", "you", "your", "yours", "s", "t", "don", "isn", "aren", "doesn", "didn", "won", "can't",
        "cannot", "got", "go", "going", "goes", "went", "said", "says", "tell", "told", "seems", "seem",
        "really", "quite", "almost", "nearly", "around", "however", "although", "though", "yes", "etc",
    ];

    public static QueryWeighting Weighting { get; } = new(
        Function.Select(w => (Word: w, Weight: 0f))
            .Concat(Generic.Select(w => (Word: w, Weight: GenericWeight)))
            .GroupBy(x => x.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Weight, StringComparer.Ordinal));

    /// <summary>The weight, the number of words and a hash of both lists, for the index version id.</summary>
    public static string Describe() =>
        $"{GenericWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)}x{Generic.Count}+0x{Function.Count}:"
        + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Generic) + "|" + string.Join(' ', Function))).AsSpan(0, 4));
}
