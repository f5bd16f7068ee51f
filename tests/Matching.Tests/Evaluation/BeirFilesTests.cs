using Recommend.Matching.Evaluation;

namespace Recommend.Matching.Tests.Evaluation;

public sealed class BeirFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("beir-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReadsCorpusQueriesAndQrels()
    {
        var corpus = Write("corpus.jsonl", """
            {"_id": "d1", "title": "Library opening hours", "text": "Longer evening hours on weekdays."}

            {"_id": "d2", "text": "No title here.", "metadata": {}}
            """);
        var queries = Write("queries.jsonl", """{"_id": "q1", "text": "when is the library open"}""");
        var qrels = Write("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\n");

        var documents = BeirReader.ReadCorpus(corpus);
        var judged = BeirReader.ReadQrels(qrels);

        Assert.Equal(["d1", "d2"], documents.Select(d => d.Id));
        Assert.Equal("", documents[1].Title);
        Assert.Equal("when is the library open", Assert.Single(BeirReader.ReadQueries(queries)).Text);
        Assert.Equal(2, judged.For("q1")["d1"]);
        Assert.Equal(0, judged.For("q1")["d2"]);
    }

    [Theory]
    [InlineData("{\"_id\": \"d1\", \"text\": \"fine\"}\n{not json}\n", 2)]
    [InlineData("{\"_id\": \"d1\", \"text\": \"fine\"}\n{\"title\": \"no id\", \"text\": \"x\"}\n", 2)]
    [InlineData("{\"_id\": \"d1\", \"text\": \"fine\"}\n{\"_id\": \"d1\", \"text\": \"again\"}\n", 2)]
    [InlineData("[1, 2]\n", 1)]
    public void MalformedCorpusLinesAreReportedWithTheirLineNumber(string content, int line)
    {
        var path = Write("corpus.jsonl", content);

        var error = Assert.Throws<DataFormatException>(() => BeirReader.ReadCorpus(path));

        Assert.Equal(line, error.Line);
        Assert.Contains($"corpus.jsonl:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q\td\tscore\nq1\td1\t1\n", 1)]
    [InlineData("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1 d2 1\n", 3)]
    [InlineData("query-id\tcorpus-id\tscore\nq1\td1\thigh\n", 2)]
    [InlineData("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td1\t2\n", 3)]
    public void MalformedQrelsLinesAreReportedWithTheirLineNumber(string content, int line)
    {
        var path = Write("qrels.tsv", content);

        Assert.Equal(line, Assert.Throws<DataFormatException>(() => BeirReader.ReadQrels(path)).Line);
    }

    [Fact]
    public void RunFilesFollowTheTrecLayoutAndKeepTrecOrder()
    {
        using var writer = new StringWriter();

        TrecRunWriter.Write(writer, "q7", [new RankedDocument("a", 0.5), new RankedDocument("c", 1.25), new RankedDocument("b", 0.5)], "ours", depth: 2);

        Assert.Equal("q7 Q0 c 1 1.25 ours\nq7 Q0 b 2 0.5 ours\n", writer.ToString().ReplaceLineEndings("\n"));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
