using System.Numerics.Tensors;
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
    public void TheProblemsAreEmbeddedAfterTheTitleApartFromThePracticesOwnText()
    {
        var practice = TestPractices.Valid("with-problems") with { Problems = ["Care homes are full of people who could live at home", "Too many admissions to residential care"] };

        Assert.Equal($"{practice.Title}. Care homes are full of people who could live at home Too many admissions to residential care", PracticeEmbedding.ProblemsText(practice));
        Assert.Equal($"{practice.Title} {practice.Summary} {practice.Description}", PracticeEmbedding.PracticeText(practice));
    }

    [Fact]
    public void WithoutProblemsAPracticeKeepsTheVectorOfItsOwnText()
    {
        var own = new[] { 0.6f, 0.8f, 0f };

        Assert.Null(PracticeEmbedding.ProblemsText(TestPractices.Valid("no-problems")));
        Assert.Same(own, PracticeEmbedding.Blend(own, null));
    }

    [Fact]
    public void TheBlendIsAUnitVectorWhoseCosineWeighsTheProblemsByTheirShare()
    {
        float[] own = [1f, 0f, 0f];
        float[] problems = [0f, 1f, 0f];

        var blend = PracticeEmbedding.Blend(own, problems);

        Assert.Equal(1f, TensorPrimitives.Norm(blend), 5);
        // A challenge exactly like the problems is closer to the blend than one exactly like the
        // practice's own text, in the ratio of the weights.
        var toProblems = TensorPrimitives.Dot(blend, problems);
        var toOwn = TensorPrimitives.Dot(blend, own);
        Assert.Equal(PracticeEmbedding.ProblemsWeight / (1 - PracticeEmbedding.ProblemsWeight), toProblems / toOwn, 4);
    }

    [Fact]
    public void ChangingOnlyTheProblemsChangesTheVector()
    {
        var before = TestPractices.Valid("p") with { Problems = ["Older people are lonely in rural villages"] };
        var after = before with { Problems = ["Older people are lonely in rural villages and towns"] };

        Assert.True(PracticeEmbedding.SameVector(before, before with { }));
        Assert.False(PracticeEmbedding.SameVector(before, after));
    }
}
