using Recommend.Core.Evaluation;
using Recommend.Core.Text.Lexical;
using Recommend.Tests.TestSupport;

namespace Recommend.Tests.Text;

/// <summary>Reproduces the plain Lucene-style BM25 baseline on SciFact train (a few seconds), which proves the index and the metric together.</summary>
public class SciFactBm25Tests
{
    [SciFactFact]
    public void PlainBm25ReproducesTheBaselineOnSciFactTrain()
    {
        var corpus = BeirReader.ReadCorpus(Path.Combine(RepositoryPaths.SciFact, "corpus.jsonl"));
        var queries = BeirReader.ReadQueries(Path.Combine(RepositoryPaths.SciFact, "queries.train.jsonl"));
        var qrels = BeirReader.ReadQrels(Path.Combine(RepositoryPaths.SciFact, "qrels", "train.tsv"));
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
