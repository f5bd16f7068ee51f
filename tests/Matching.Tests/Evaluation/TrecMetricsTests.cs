using Recommend.Matching.Evaluation;

namespace Recommend.Matching.Tests.Evaluation;

public class TrecMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 1, ["b"] = 2, ["c"] = 1, ["z"] = 0 };

    [Fact]
    public void NdcgBreaksScoreTiesByDocumentIdDescending()
    {
        // a and b tie at 2.0; trec_eval puts "b" before "a". Ranking x, b, a, c:
        // DCG = 2/log2(3) + 1/log2(4) + 1/log2(5) = 2.192537; ideal = 2 + 1/log2(3) + 1/log2(4) = 3.130930.
        RankedDocument[] run = [new("a", 2.0), new("x", 3.0), new("c", 1.0), new("b", 2.0)];

        Assert.Equal(0.700283, TrecMetrics.NdcgAt(10, run, Judged), 6);
    }

    [Fact]
    public void NdcgIgnoresTheOrderTheSystemWroteTiesIn()
    {
        RankedDocument[] forwards = [new("a", 1.0), new("b", 1.0), new("c", 1.0)];
        RankedDocument[] backwards = [new("c", 1.0), new("b", 1.0), new("a", 1.0)];

        Assert.Equal(TrecMetrics.NdcgAt(2, forwards, Judged), TrecMetrics.NdcgAt(2, backwards, Judged));
    }

    [Fact]
    public void DocumentIdsCompareByteWiseNotNumerically()
    {
        // Descending strcmp order puts "9" before "10"; only the first counts at k = 1.
        var judged = new Dictionary<string, int> { ["9"] = 1 };
        RankedDocument[] run = [new("10", 5.0), new("9", 5.0)];

        Assert.Equal(1.0, TrecMetrics.NdcgAt(1, run, judged), 9);
        Assert.True(TrecOrder.CompareUtf8("\uFFFD", "\U0001F600") < 0, "code-point order, as UTF-8 bytes sort");
    }

    [Fact]
    public void NdcgCountsOnlyTheTopK()
    {
        // Relevant "b" (gain 2) at rank 3 is outside k = 2; "a" at rank 1 gives 1; ideal@2 = 2 + 1/log2(3).
        RankedDocument[] run = [new("a", 3.0), new("x", 2.0), new("b", 1.0)];

        Assert.Equal(1 / (2 + (1 / Math.Log2(3))), TrecMetrics.NdcgAt(2, run, Judged), 9);
    }

    [Fact]
    public void UnjudgedAndZeroJudgedDocumentsGainNothing()
    {
        RankedDocument[] run = [new("unjudged", 9.0), new("z", 8.0), new("b", 7.0)];

        // b (gain 2) at rank 3: 2/log2(4) = 1.
        Assert.Equal(1 / 3.130930, TrecMetrics.NdcgAt(10, run, Judged), 5);
    }

    [Fact]
    public void RecallCountsDocumentsJudgedOneOrMore()
    {
        RankedDocument[] run = [new("z", 3.0), new("a", 2.0), new("x", 1.0)];

        Assert.Equal(1 / 3.0, TrecMetrics.RecallAt(100, run, Judged), 9);
        Assert.Equal(0.0, TrecMetrics.RecallAt(1, run, Judged), 9);
    }

    [Fact]
    public void AQueryWithNoResultsScoresZeroAndStaysInTheMean()
    {
        var qrels = new Qrels(new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = new Dictionary<string, int> { ["a"] = 1 },
            ["q2"] = new Dictionary<string, int> { ["b"] = 1 },
        });
        var run = new Dictionary<string, IReadOnlyList<RankedDocument>>
        {
            ["q1"] = [new RankedDocument("a", 1.0)],
            ["not-judged"] = [new RankedDocument("b", 1.0)],
        };

        var report = EvaluationReport.Of(run, qrels);

        Assert.Equal(2, report.Queries.Count);
        Assert.Equal(0.5, report.MeanNdcg10, 9);
        Assert.Equal(0.5, report.MeanRecall100, 9);
    }

    [Fact]
    public void FoldsCoverEveryQueryOnceAndAreTheSameEveryRun()
    {
        var ids = Enumerable.Range(0, 103).Select(i => $"q{i}").ToArray();

        var folds = CrossValidation.Folds(ids, 5);

        Assert.Equal(ids.Order(StringComparer.Ordinal), folds.SelectMany(f => f).Order(StringComparer.Ordinal));
        Assert.All(folds, f => Assert.InRange(f.Count, 20, 21));
        Assert.Equal(folds.Select(f => f.Order(StringComparer.Ordinal)), CrossValidation.Folds(ids.Reverse(), 5).Select(f => f.Order(StringComparer.Ordinal)));
    }
}
