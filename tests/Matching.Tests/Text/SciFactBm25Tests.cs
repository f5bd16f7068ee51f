using Recommend.Matching.Evaluation;
using Recommend.Matching.Text.Lexical;
using Recommend.TestSupport.Data;

namespace Recommend.Matching.Tests.Text;

/// <summary>Reproduces the plain Lucene-style BM25 baseline on SciFact train (a few seconds), which proves the index and the metric together.</summary>
public class SciFactBm25Tests
{
    [SharedDataFact(SharedFiles.SciFactCorpus, SharedFiles.SciFactTrainQueries, SharedFiles.SciFactTrainQrels)]
    public void PlainBm25ReproducesTheBaselineOnSciFactTrain()
    {
        var corpus = BeirReader.ReadCorpus(SharedFiles.PathOf(SharedFiles.SciFactCorpus));
        var queries = BeirReader.ReadQueries(SharedFiles.PathOf(SharedFiles.SciFactTrainQueries));
        var qrels = BeirReader.ReadQrels(SharedFiles.PathOf(SharedFiles.SciFactTrainQrels));
        using var index = LexicalIndex.Build(corpus, parameters: new Bm25Parameters(0.9f, 0.4f), useMlNet: false);

        var run = queries.Where(q => qrels.Judgements.ContainsKey(q.Id)).ToDictionary(
            q => q.Id,
            q => (IReadOnlyList<RankedDocument>)index.Search(q.Text, 100).Select(h => new RankedDocument(index.IdOf(h.Doc), h.Score)).ToArray());
        var report = EvaluationReport.Of(run, qrels);

        Assert.Equal(809, report.Queries.Count);
        Assert.Equal(0.665, report.MeanNdcg10, 3);
        Assert.Equal(0.903, report.MeanRecall100, 3);
    }
}
