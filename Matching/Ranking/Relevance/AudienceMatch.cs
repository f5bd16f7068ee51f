using System.Text.RegularExpressions;
using Recommend.Contracts.Practices;

namespace Recommend.Matching.Ranking.Relevance;

/// <summary>
/// Whether a practice serves people a challenge is not about. A children's placement scheme and an
/// adults' one share the words ("placements", "residential", "step down") and most of their meaning
/// for MiniLM, so the text match alone offers foster care for "shift spending from long-term
/// residential placements to keeping people independent at home", pop-up pools for schools for "our
/// pool may close", and apprenticeships for care leavers to any school leaver. In the graded
/// usefulness set, 1% of the judged pairs where a practice serves only the under-26s and the
/// challenge names no child or young person are directly useful (against 22% of pairs where neither
/// names an age), and 5% where a practice serves only adults and the challenge names only children.
/// The floor reads the mismatch as one more feature, weighed by calibration like the others.
/// </summary>
public static partial class AudienceMatch
{
    /// <summary>A practice serves only children and young people when its population ends at this age or younger: care leavers' and young adults' services run to 25.</summary>
    public const int ChildrenOnlyAgeMax = 25;

    /// <summary>A practice serves only adults when its population starts at this age or older.</summary>
    public const int AdultsOnlyAgeMin = 18;

    /// <summary>1 when the practice serves only an audience the challenge does not name, else 0.</summary>
    public static double Mismatch(Audience challenge, Audience practice) => practice switch
    {
        // A challenge that names no age is about everyone or about adults: a children's practice cannot answer it.
        Audience.Children => challenge.HasFlag(Audience.Children) ? 0 : 1,
        // An adults' practice is wrong only when the challenge is about children alone.
        Audience.Adults => challenge == Audience.Children ? 1 : 0,
        _ => 0,
    };

    /// <summary>Who the practice is for, from its stated age range; unstated or spanning both is <see cref="Audience.Unnamed"/>.</summary>
    public static Audience Of(Practice practice) => practice.Population switch
    {
        { AgeMax: <= ChildrenOnlyAgeMax } => Audience.Children,
        { AgeMin: >= AdultsOnlyAgeMin } => Audience.Adults,
        _ => Audience.Unnamed,
    };

    /// <summary>Who the challenge names, from its words; both when it names both (a young carer looking after a parent).</summary>
    public static Audience Of(string challenge)
    {
        var audience = Audience.Unnamed;
        if (ChildWords().IsMatch(challenge))
        {
            audience |= Audience.Children;
        }

        if (AdultWords().IsMatch(challenge))
        {
            audience |= Audience.Adults;
        }

        return audience;
    }

    // Children and young people, their families and the services only they use. Broad on purpose: a
    // false "children" here only withholds the feature, while a missed one would hold back the right
    // practices ("NEET" 16-17 year olds, EHC plans, the high needs block of SEND funding).
    [GeneratedRegex(
        @"\b(child|children|childs|childhood|grandchild\w*|kids?|young|youth|youths|teen\w*|pupils?|schools?|son|sons|daughters?|bab(y|ies)|infants?|toddlers?|newborns?|"
        + @"under[- ]?(fives?|5s|1[0-9]s)|([0-9]|1[0-9]|2[0-5])[- ]year[- ]olds?|families|family|parents?|parenting|mums?-to-be|pregnan\w*|maternity|"
        + @"foster\w*|adopt(ion|ive|ers?)|care leavers?|looked[- ]after|(?-i:SEND|SEN|EHC|EHCPs?|NEET)|ehc plans?|high needs|nurser(y|ies)|early years|"
        + @"boys?|girls?|adolescen\w*|students?|college|juvenile|classrooms?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChildWords();

    // Adults and older people, and the services only they use.
    [GeneratedRegex(
        @"\b(adults?|older|elderly|over[- ]?(50|60|65|75|85)s?|pensioners?|retired|retirement|later life|dementia|frail\w*|care homes?|nursing|"
        + @"domiciliary|home care|working[- ]age|widow\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdultWords();
}
