using Recommend.Matching.Ranking;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Matching.Tests.Text;

/// <summary>
/// A challenge's framing words ("reduce", "our", "residents") no longer carry a match on their own:
/// the cause of practices offered for the wrong need (issue 16). Coverage reads how much of the
/// challenge's telling words a practice holds.
/// </summary>
public sealed class QueryWeightingTests
{
    private static LexicalIndex Index() => LexicalIndex.Build(
        [
            new TextDocument("road-safety", "Reduce road deaths", "Councils reduce deaths and serious injuries on roads with lower speed limits."),
            new TextDocument("naloxone", "Naloxone supply", "Take-home naloxone kits given to people who use drugs prevent drug deaths from overdose."),
        ],
        new AnalyzerOptions(RemoveStopWords: true, Stem: true),
        useMlNet: false);

    private const string Challenge = "we need to reduce drug deaths";

    [Fact]
    public void WithoutWeightingAFramingWordInATitleWinsTheMatch()
    {
        using var index = Index();
        var hits = index.SearchExplained(Challenge, 2);

        Assert.Equal("road-safety", index.IdOf(hits[0].Doc));
    }

    [Fact]
    public void WithTheChallengeWeightingTheTopicWins()
    {
        using var index = Index();
        var hits = index.SearchExplained(Challenge, 2, ChallengeWords.Weighting);

        Assert.Equal("naloxone", index.IdOf(hits[0].Doc));
        Assert.True(hits[0].Coverage > hits[1].Coverage, $"coverage {hits[0].Coverage:0.00} vs {hits[1].Coverage:0.00}");
    }

    [Fact]
    public void CoverageCountsAWordNoDocumentHoldsAsMissing()
    {
        using var index = Index();
        var known = index.SearchExplained("naloxone overdose", 1)[0].Coverage;
        var partly = index.SearchExplained("naloxone overdose zebracrossing", 1)[0].Coverage;

        Assert.Equal(1.0, known, 6);
        Assert.InRange(partly, 0.1, 0.9);
    }

    [Fact]
    public void FunctionWordsAreDroppedAndGenericOnesKeepAQuarter()
    {
        Assert.Equal(0f, ChallengeWords.Weighting.WeightOf("from"));
        Assert.Equal(ChallengeWords.GenericWeight, ChallengeWords.Weighting.WeightOf("reduce"));
        Assert.Equal(1f, ChallengeWords.Weighting.WeightOf("naloxone"));
        Assert.Equal(1f, ChallengeWords.Weighting.WeightOf("stop")); // "stop smoking" names a topic
    }
}
