using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Recommend.Benchmarks;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

// One process, three corpora (SciFact when ../shared/data is present, synthetic 10k and 100k),
// ours and Lucene.Net on the same documents and queries, single-threaded, warmed up before timing.
var options = BenchmarkOptions.Parse(args);
var results = new List<CorpusResult>();
using var embedder = options.Hybrid ? new MiniLmEmbedder() : null;
var analyzer = new AnalyzerOptions(Stem: true);
var bm25 = new Bm25Parameters(0.9f, 0.4f);
// The fusion chosen by cross-validation on SciFact (docs/evaluation.md).
var fusion = new FusionSettings(FusionMethod.WeightedMinMax, DenseWeight: 0.5f, Depth: 200);

if (options.SciFactFolder is { } scifact)
{
    var corpus = BeirReader.ReadCorpus(Path.Combine(scifact, "corpus.jsonl"));
    var queries = BeirReader.ReadQueries(Path.Combine(scifact, "queries.train.jsonl"));
    var qrels = BeirReader.ReadQrels(Path.Combine(scifact, "qrels", "train.tsv"));
    var dense = embedder is null ? null : EmbeddingCache.LoadOrBuild(corpus, embedder, options.CacheDirectory, Console.Error);
    results.Add(RunCorpus("SciFact", corpus, queries.Select(q => q.Text).ToList(), qrels, queries, dense, "real MiniLM embeddings of every document", timeMlNet: true));
}

foreach (var size in options.SyntheticSizes)
{
    var corpus = SyntheticPractices.Generate(size);
    var queries = SyntheticPractices.Queries(options.QueryCount);
    DenseIndex? dense = null;
    var denseNote = "";
    if (embedder is not null && size == options.SyntheticSizes.Max())
    {
        (dense, denseNote) = TiledEmbeddings(corpus, embedder, options);
    }

    results.Add(RunCorpus($"synthetic-{size / 1000}k", corpus, queries, null, null, dense, denseNote, timeMlNet: size <= 10_000));
}

PrintTable(results);
Console.WriteLine(Json(results, options));
return 0;

CorpusResult RunCorpus(string name, List<TextDocument> corpus, List<string> queries, Qrels? qrels, List<BeirQuery>? judgedQueries, DenseIndex? dense, string denseNote, bool timeMlNet)
{
    Console.Error.WriteLine($"[{name}] {corpus.Count:N0} documents, {queries.Count:N0} queries");
    CharacterFolding.WarmUp();
    var heapBefore = Heap();

    var clock = Stopwatch.StartNew();
    var ours = LexicalIndex.Build(corpus, analyzer, bm25, useMlNet: false);
    var oursBuild = clock.Elapsed.TotalSeconds;
    var oursHeap = Heap() - heapBefore;
    Console.Error.WriteLine($"[{name}] ours: indexed in {oursBuild:0.00} s, {oursHeap:0} MB managed heap");

    double? mlNetBuild = timeMlNet ? TimeMlNetBuild(corpus, analyzer, bm25) : null;
    if (mlNetBuild is not null)
    {
        Console.Error.WriteLine($"[{name}] ours through the ML.NET featuriser: {mlNetBuild:0.00} s");
    }

    var (saveSeconds, loadSeconds, fileMb) = TimeSaveAndLoad(ours);
    Console.Error.WriteLine($"[{name}] ours: saved {fileMb:0.0} MB in {saveSeconds:0.000} s, loaded in {loadSeconds:0.000} s");

    var oursLatency = Latency.Measure(queries, q => ours.Search(q, 10));
    Console.Error.WriteLine($"[{name}] ours: top-10 p50 {oursLatency.P50:0.000} ms, p99 {oursLatency.P99:0.000} ms");

    var heapBeforeLucene = Heap();
    using var lucene = new LuceneEngine(bm25.K1, bm25.B);
    clock.Restart();
    lucene.Build(corpus);
    var luceneBuild = clock.Elapsed.TotalSeconds;
    clock.Restart();
    lucene.Optimise();
    var luceneMerge = clock.Elapsed.TotalSeconds;
    var luceneHeap = Heap() - heapBeforeLucene;
    var luceneDirectoryMb = lucene.DirectoryBytes / 1048576.0;
    var workingSet = Process.GetCurrentProcess().WorkingSet64 / 1048576.0;
    Console.Error.WriteLine($"[{name}] Lucene: indexed in {luceneBuild:0.00} s (+{luceneMerge:0.00} s merge to one segment), {luceneHeap:0} MB managed heap, RAMDirectory {luceneDirectoryMb:0.0} MB");

    var luceneLatency = Latency.Measure(queries, q => lucene.Search(q, 10));
    Console.Error.WriteLine($"[{name}] Lucene: top-10 p50 {luceneLatency.P50:0.000} ms, p99 {luceneLatency.P99:0.000} ms");

    double? oursNdcg = null;
    double? luceneNdcg = null;
    if (qrels is not null && judgedQueries is not null)
    {
        var judged = judgedQueries.Where(q => qrels.Judgements.ContainsKey(q.Id)).ToList();
        oursNdcg = EvaluationReport.Of(judged.ToDictionary(q => q.Id, q => (IReadOnlyList<RankedDocument>)ours.Search(q.Text, 100).Select(h => new RankedDocument(ours.IdOf(h.Doc), h.Score)).ToArray()), qrels).MeanNdcg10;
        luceneNdcg = EvaluationReport.Of(judged.ToDictionary(q => q.Id, q => (IReadOnlyList<RankedDocument>)lucene.Search(q.Text, 100).ScoreDocs.Select(s => new RankedDocument(lucene.IdOf(s.Doc), s.Score)).ToArray()), qrels).MeanNdcg10;
        Console.Error.WriteLine($"[{name}] nDCG@10 ours {oursNdcg:0.0000}, Lucene {luceneNdcg:0.0000}");
    }

    double? hybridP50 = null, hybridP99 = null, embedP50 = null, denseP50 = null, int8P50 = null;
    if (dense is not null && embedder is not null)
    {
        var hybrid = new HybridRetriever(ours, dense, embedder.Embed, fusion);
        var embedLatency = Latency.Measure(queries, q => embedder.EmbedQuestion(q));
        var vectors = queries.Select(embedder.Embed).ToArray();
        var next = 0;
        var denseLatency = Latency.Measure(queries, _ => dense.Search(vectors[next++ % vectors.Length], 10));
        var quantized = new QuantizedVectors(dense, corpus.Select(d => d.Id).ToArray());
        var int8Latency = Latency.Measure(queries, _ => quantized.Search(vectors[next++ % vectors.Length], 200));
        // The hybrid embeds every query afresh: no cache, so the time is what a new query costs.
        var hybridLatency = Latency.Measure(queries, q => hybrid.Search(q, 10));
        (hybridP50, hybridP99, embedP50, denseP50, int8P50) = (hybridLatency.P50, hybridLatency.P99, embedLatency.P50, denseLatency.P50, int8Latency.P50);
        Console.Error.WriteLine($"[{name}] hybrid: top-10 p50 {hybridP50:0.000} ms, p99 {hybridP99:0.000} ms (query embedding p50 {embedP50:0.000} ms, float scan p50 {denseP50:0.000} ms, int8 scan + rescoring of top 200 p50 {int8P50:0.000} ms)");
    }

    GC.KeepAlive(ours);
    ours.Dispose();
    return new CorpusResult(name, corpus.Count, queries.Count, oursBuild, mlNetBuild, saveSeconds, loadSeconds, fileMb, luceneBuild, luceneMerge, oursHeap, luceneHeap, luceneDirectoryMb, workingSet,
        oursLatency.P50, oursLatency.P99, luceneLatency.P50, luceneLatency.P99, hybridP50, hybridP99, embedP50, denseP50, int8P50, oursNdcg, luceneNdcg, denseNote);
}

// The persisted form through a file, as a service restart would read it.
static (double Save, double Load, double Megabytes) TimeSaveAndLoad(LexicalIndex index)
{
    var path = Path.GetTempFileName();
    try
    {
        var clock = Stopwatch.StartNew();
        using (var stream = File.Create(path))
        {
            index.Save(stream);
        }

        var save = clock.Elapsed.TotalSeconds;
        clock.Restart();
        using (var stream = File.OpenRead(path))
        {
            using var loaded = LexicalIndex.Load(stream);
        }

        return (save, clock.Elapsed.TotalSeconds, new FileInfo(path).Length / 1048576.0);
    }
    finally
    {
        File.Delete(path);
    }
}

// In its own method so the throw-away index is unreachable before the next heap measurement.
[MethodImpl(MethodImplOptions.NoInlining)]
static double TimeMlNetBuild(List<TextDocument> corpus, AnalyzerOptions analyzer, Bm25Parameters bm25)
{
    var clock = Stopwatch.StartNew();
    using var viaMlNet = LexicalIndex.Build(corpus, analyzer, bm25, useMlNet: true);
    return clock.Elapsed.TotalSeconds;
}

// Embedding 100k documents with MiniLM would take most of an hour here, so only a sample gets real
// embeddings; the rest are copies of sample vectors with small seeded Gaussian noise, re-normalised.
// Query timing is what matters, and it depends on the number of vectors, not on their content.
static (DenseIndex Index, string Note) TiledEmbeddings(List<TextDocument> corpus, MiniLmEmbedder embedder, BenchmarkOptions options)
{
    var sample = corpus.Take(options.DenseSample).ToList();
    var real = EmbeddingCache.LoadOrBuild(sample, embedder, options.CacheDirectory, Console.Error);
    var index = TiledVectors.Expand(real, [.. sample.Select(d => d.Id)], [.. corpus.Select(d => d.Id)]);
    return (index, $"{sample.Count:N0} real MiniLM embeddings tiled to {corpus.Count:N0} with Gaussian noise (sigma {TiledVectors.NoisePerDimension} per dimension, re-normalised)");
}

static double Heap()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
}

static void PrintTable(List<CorpusResult> results)
{
    string F(double? value, string format = "0.000") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
    Console.WriteLine($"{"corpus",-16} {"docs",8} {"engine",-7} {"build s",8} {"docs/s",9} {"heap MB",8} {"p50 ms",8} {"p99 ms",8} {"nDCG@10",8}");
    foreach (var r in results)
    {
        Console.WriteLine($"{r.Corpus,-16} {r.Docs,8} {"ours",-7} {F(r.OursBuildSeconds, "0.00"),8} {F(r.OursDocsPerSecond, "0"),9} {F(r.OursHeapMb, "0"),8} {F(r.OursP50Ms),8} {F(r.OursP99Ms),8} {F(r.OursNdcg10, "0.0000"),8}");
        Console.WriteLine($"{"",-16} {"",8} {"Lucene",-7} {F(r.LuceneBuildSeconds, "0.00"),8} {F(r.LuceneDocsPerSecond, "0"),9} {F(r.LuceneHeapMb, "0"),8} {F(r.LuceneP50Ms),8} {F(r.LuceneP99Ms),8} {F(r.LuceneNdcg10, "0.0000"),8}   (RAMDirectory {F(r.LuceneDirectoryMb, "0.0")} MB; merge to one segment {F(r.LuceneMergeSeconds, "0.00")} s, not in build)");
        if (r.HybridP50Ms is not null)
        {
            Console.WriteLine($"{"",-16} {"",8} {"hybrid",-7} {"",8} {"",9} {"",8} {F(r.HybridP50Ms),8} {F(r.HybridP99Ms),8}   (embed p50 {F(r.EmbedQueryP50Ms)} ms, float scan p50 {F(r.DenseOnlyP50Ms)} ms, int8 scan p50 {F(r.Int8ScanP50Ms)} ms; {r.DenseVectors})");
        }

        Console.WriteLine($"{"",-16} {"",8} ours: saved file {F(r.OursFileMb, "0.0")} MB, load {F(r.OursLoadSeconds)} s, save {F(r.OursSaveSeconds)} s{(r.OursMlNetBuildSeconds is null ? "" : $"; indexed through ML.NET in {F(r.OursMlNetBuildSeconds, "0.00")} s")}");
    }
}

static string Json(List<CorpusResult> results, BenchmarkOptions options)
{
    var largest = results.Where(r => r.Corpus.StartsWith("synthetic", StringComparison.Ordinal)).MaxBy(r => r.Docs) ?? results[^1];
    var summary = new Dictionary<string, object?>
    {
        ["docs"] = largest.Docs,
        ["ours_p50_ms"] = Math.Round(largest.OursP50Ms, 4),
        ["lucene_p50_ms"] = Math.Round(largest.LuceneP50Ms, 4),
        ["ours_p99_ms"] = Math.Round(largest.OursP99Ms, 4),
        ["lucene_p99_ms"] = Math.Round(largest.LuceneP99Ms, 4),
        ["hybrid_p50_ms"] = largest.HybridP50Ms is { } h ? Math.Round(h, 4) : null,
        ["ours_docs_per_s"] = Math.Round(largest.OursDocsPerSecond),
        ["lucene_docs_per_s"] = Math.Round(largest.LuceneDocsPerSecond),
        ["machine"] = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}",
        ["corpora"] = results,
    };
    return JsonSerializer.Serialize(summary, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
}
