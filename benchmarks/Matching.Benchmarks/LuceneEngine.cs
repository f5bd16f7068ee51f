using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Recommend.Matching.Text;

namespace Recommend.Benchmarks;

/// <summary>
/// The reference: Lucene.Net 4.8 with EnglishAnalyzer (possessives, lowercase, Lucene's stop words,
/// Porter), one field holding title and body (Anserini's "flat" BEIR setup), BM25Similarity, a
/// RAMDirectory. Queries are the analysed words as SHOULD term clauses, as Anserini builds them.
/// </summary>
public sealed class LuceneEngine : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Contents = "contents";
    private const string Id = "id";

    private readonly Analyzer _analyzer = new EnglishAnalyzer(Version);
    private readonly RAMDirectory _directory = new();
    private readonly BM25Similarity _similarity;
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    public LuceneEngine(float k1, float b) => _similarity = new BM25Similarity(k1, b);

    public void Build(IReadOnlyList<TextDocument> documents)
    {
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            Similarity = _similarity,
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 256,
        };
        using var writer = new IndexWriter(_directory, config);
        foreach (var document in documents)
        {
            writer.AddDocument(new Document
            {
                new StringField(Id, document.Id, Field.Store.YES),
                new TextField(Contents, document.Title + " " + document.Body, Field.Store.NO),
            });
        }

        writer.Commit();
    }

    /// <summary>Merges to one segment, Lucene's fastest shape for searching; timed separately from the build.</summary>
    public void Optimise()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { Similarity = _similarity }))
        {
            writer.ForceMerge(1);
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = _similarity };
    }

    public TopDocs Search(string query, int k)
    {
        var boolean = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream(Contents, new StringReader(query)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                boolean.Add(new TermQuery(new Term(Contents, term.ToString())), Occur.SHOULD);
            }

            stream.End();
        }

        return _searcher!.Search(boolean, k);
    }

    /// <summary>What the RAMDirectory says its files take, a size independent of when the GC last ran.</summary>
    public long DirectoryBytes => _directory.GetSizeInBytes();

    public string IdOf(int doc) => _searcher!.Doc(doc).Get(Id);

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
