using Recommend.Ingest.Training;

namespace Recommend.Ingest.Tests.Models;

/// <summary>The sign-flip test that decides "worse": exact p-values on small cases worked by hand.</summary>
public sealed class PairedRandomisationTestTests
{
    [Fact]
    public void IdenticalScoresAreNoEvidenceOfAnything()
    {
        Assert.Equal(1, PairedRandomisationTest.PValueWorse([0.5, 0.7, 1], [0.5, 0.7, 1]));
    }

    [Fact]
    public void EveryQueryLowerIsTheMostExtremeOfTheSignAssignments()
    {
        // Five differences of -0.1: only "all negative" of the 32 assignments sums as low.
        var p = PairedRandomisationTest.PValueWorse([0.4, 0.4, 0.4, 0.4, 0.4], [0.5, 0.5, 0.5, 0.5, 0.5]);

        Assert.Equal(1.0 / 32, p, 12);
    }

    [Fact]
    public void EveryQueryHigherIsNeverWorse()
    {
        Assert.Equal(1, PairedRandomisationTest.PValueWorse([0.6, 0.9], [0.5, 0.5]));
    }

    [Fact]
    public void OneSmallLossAmongTiesIsNotSignificant()
    {
        // Differences -0.05 and +0.01 (ties drop out): sums -0.04, -0.06, +0.06, +0.04; two are at most -0.04.
        var p = PairedRandomisationTest.PValueWorse([0.45, 0.8, 0.51], [0.5, 0.8, 0.5]);

        Assert.Equal(0.5, p, 12);
    }

    [Fact]
    public void ManyQueriesAreSampledWithAFixedSeedAndFindAConsistentLoss()
    {
        var current = Enumerable.Range(0, 40).Select(i => 0.5 + (i % 5 * 0.05)).ToArray();
        var fresh = current.Select((c, i) => c - (i % 4 == 0 ? 0.02 : 0.1)).ToArray();

        var p = PairedRandomisationTest.PValueWorse(fresh, current);

        Assert.True(p < 0.001, $"p = {p}");
        Assert.Equal(p, PairedRandomisationTest.PValueWorse(fresh, current));
    }
}
