using Recommend.Matching.Evaluation;

namespace Recommend.Matching.Tests.Evaluation;

/// <summary>The usefulness metrics on hand-made answers, each figure worked out by hand.</summary>
public sealed class UsefulnessReportTests
{
    private static readonly Dictionary<string, int> Grades = new() { ["a"] = 2, ["b"] = 1, ["c"] = 0, ["d"] = 2 };

    private static UsefulnessReport Report() => new(
    [
        UsefulnessReport.Outcome("q1", "waste", ["a", "b", "c", "d", "x", "y"], ["c"], Grades), // cut to 5: a b c d x (x unjudged)
        UsefulnessReport.Outcome("q2", "waste", ["b"], [], Grades),
        UsefulnessReport.Outcome("q3", "transport", [], ["a"], Grades),
    ]);

    [Fact]
    public void PrecisionAtFiveDividesByFiveWhateverWasShown() =>
        Assert.Equal(((2 / 5.0) + 0 + 0) / 3, Report().PrecisionAt5Useful, 9);

    [Fact]
    public void RelatedOrUsefulCountsGradeOneToo() =>
        Assert.Equal(((3 / 5.0) + (1 / 5.0) + 0) / 3, Report().PrecisionAt5Related, 9);

    [Fact]
    public void ShownPrecisionDividesByWhatWasShown() => Assert.Equal(2 / 6.0, Report().ShownPrecisionUseful, 9);

    [Fact]
    public void AnEmptyAnswerHasNoUsefulFirstResult() => Assert.Equal(1 / 3.0, Report().RankOneUseful, 9);

    [Fact]
    public void UnjudgedShownPracticesCountAsUselessAndAreCounted()
    {
        var report = Report();
        Assert.Equal(2 / 6.0, report.UselessShare, 9); // c and x of six shown
        Assert.Equal(1, report.Unjudged);
    }

    [Fact]
    public void ChallengesWithoutAUsefulResultIncludeEmptyAnswers() => Assert.Equal(2, Report().WithoutUseful);

    [Fact]
    public void RelatedUsefulShareReadsTheRelatedList() => Assert.Equal(1 / 2.0, Report().RelatedUsefulShare, 9);

    [Fact]
    public void ASubsetIsReportedOnItsOwn() => Assert.Equal(1, Report().Where(q => q.Area == "transport").Count);
}
