using Recommend.Matching.Ranking;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Ranking;

/// <summary>A practice's problems (in a council's words) are part of what a challenge is matched against.</summary>
public sealed class PracticeProblemsMatchTests
{
    [Fact]
    public void AChallengeWordedLikeAPracticesProblemFindsItThoughTheDescriptionNeverUsesThoseWords()
    {
        var withProblems = TestPractices.Valid("spray-injection-patching") with
        {
            Title = "Spray-injection patching",
            Problems = ["Residents report the same pothole again and again and it is never fixed"],
        };
        var without = TestPractices.Valid("kerbside-food-waste") with { Title = "Kerbside food waste collection" };
        var index = new PracticeIndexBuilder().Build([withProblems, without], "problems");

        var matches = index.MatchText("pothole reported three times and still not fixed", 10);

        Assert.Equal("spray-injection-patching", index.Practices[Assert.Single(matches).Doc].Id);
    }

    [Fact]
    public void ThePracticesProblemsComeRightAfterItsTitleInTheTextItIsEmbeddedFrom()
    {
        var practice = TestPractices.Valid("with-problems") with { Problems = ["Care homes are full of people who could live at home"] };

        var text = PracticeIndex.ToSemanticText(practice);

        Assert.StartsWith($"{practice.Title}. Care homes are full of people who could live at home {practice.Summary}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutProblemsThePracticeIsEmbeddedFromTheSameTextAsBeforeTheFieldExisted()
    {
        var practice = TestPractices.Valid("no-problems");

        Assert.Equal($"{practice.Title} {practice.Summary} {practice.Description}", PracticeIndex.ToSemanticText(practice));
    }
}
