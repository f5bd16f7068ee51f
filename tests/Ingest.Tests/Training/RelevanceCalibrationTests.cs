using Recommend.Contracts.Practices;
using Recommend.Ingest.Training;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking.Relevance;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Training;

/// <summary>
/// The relevance floor is fitted, not set by hand: the logistic fit recovers a known model, the
/// threshold is the one readers gain most from, and the floor the recommender ships was calibrated
/// on the shipped usefulness set and catalogue (recalibrate when either changes: README).
/// </summary>
public sealed class RelevanceCalibrationTests
{
    [Fact]
    public void TheFitRecoversTheModelThatMadeTheLabels()
    {
        // Labels drawn from p = sigmoid(4x - 2) with a fixed seed: the fit must find about that.
        var random = new Random(7);
        var samples = Enumerable.Range(0, 4000).Select(_ =>
        {
            var x = random.NextDouble();
            var p = 1 / (1 + Math.Exp(-((4 * x) - 2)));
            return new RelevanceCalibration.Sample([x], random.NextDouble() < p);
        }).ToList();

        var model = RelevanceCalibration.Fit(["x"], samples);

        Assert.InRange(model.Weights[0], 3.4, 4.6);
        Assert.InRange(model.Bias, -2.4, -1.6);
    }

    [Fact]
    public void AFitNeedsBothKindsOfLabel() =>
        Assert.Throws<InvalidDataException>(() => RelevanceCalibration.Fit(["x"], [new([0.5], true), new([0.9], true)]));

    [Fact]
    public void TheChosenThresholdGivesReadersTheMost()
    {
        // Three bands of threshold: showing everything (2 useful, 2 useless), a middle one (2 useful, 0 useless), a strict one (1 useful).
        static UsefulnessReport At(double t) => new([UsefulnessReport.Outcome("q", "waste", t < 0.3 ? ["a", "b", "c", "d"] : t < 0.6 ? ["a", "b"] : ["a"],
            [], new Dictionary<string, int> { ["a"] = 2, ["b"] = 2, ["c"] = 0, ["d"] = 0 })]);

        var (threshold, top, report, tried) = RelevanceCalibration.ChooseThresholds((t, _) => At(t));

        Assert.Equal(0.59, threshold, 9); // ties go to the highest bars of the best utility
        Assert.Equal(0.59, top, 9);
        Assert.Equal(2, report.Queries[0].Useful);
        Assert.Equal(RelevanceCalibration.ThresholdGrid.Count, tried.Count);
        Assert.Equal(2 - (RelevanceCalibration.UselessCost * 2), RelevanceCalibration.Utility(At(0.1)), 9);
    }

    [Fact]
    public void TheShippedFloorWasCalibratedOnTheShippedJudgmentsAndCatalogue()
    {
        var shipped = RelevanceFloor.Shipped;
        var catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices")).Practices;

        Assert.Equal(RelevanceCalibration.HashJudgments(RepoPaths.InRepo("data", "judgments")), shipped.JudgmentsHash);
        Assert.Equal(RelevanceCalibration.HashCatalogue(catalogue), shipped.CatalogueHash);
        Assert.Equal(RelevanceFeatures.HybridNames, shipped.Hybrid.Features);
        Assert.Equal(RelevanceFeatures.LexicalNames, shipped.Lexical.Features);
        Assert.InRange(shipped.Hybrid.Threshold, 0.05, 0.95);
    }

    [Fact]
    public void TheHeldOutSplitKeepsEveryWordingOfANeedOnOneSide()
    {
        var judgments = JudgmentSet.Read(RepoPaths.InRepo("data", "judgments"));
        var (train, heldOut) = HeldOutSplit.Split(judgments.Queries);

        Assert.Equal(judgments.Queries.Count, train.Count + heldOut.Count);
        Assert.Empty(train.Select(q => q.Need).Intersect(heldOut.Select(q => q.Need)));
        Assert.All(judgments.Queries.GroupBy(q => q.Area), area => Assert.Contains(area, q => heldOut.Contains(q)));
    }

    [Fact]
    public void TheUsefulnessSetCoversEveryServiceAreaWithSeveralWordingsAndBlindGrades()
    {
        var judgments = JudgmentSet.Read(RepoPaths.InRepo("data", "judgments"));

        Assert.True(judgments.Queries.Count >= 150, $"{judgments.Queries.Count} challenges");
        Assert.Equal(ServiceArea.All.Order(StringComparer.Ordinal), judgments.Queries.Select(q => q.Area).Distinct().Order(StringComparer.Ordinal));
        Assert.True(judgments.Queries.GroupBy(q => q.Need).Count(g => g.Count() >= 2) >= 40, "several wordings for many needs");
        Assert.All(judgments.Qrels.Judgements.Values.SelectMany(j => j.Values), g => Assert.InRange(g, 0, 2));
    }
}
