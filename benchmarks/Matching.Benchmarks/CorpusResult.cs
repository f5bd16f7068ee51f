namespace Recommend.Benchmarks;

/// <summary>The figures for one corpus; null where a measurement was not taken.</summary>
public sealed record CorpusResult(
    string Corpus,
    int Docs,
    int Queries,
    double OursBuildSeconds,
    double? OursMlNetBuildSeconds,
    double OursSaveSeconds,
    double OursLoadSeconds,
    double OursFileMb,
    double LuceneBuildSeconds,
    double LuceneMergeSeconds,
    double OursHeapMb,
    double LuceneHeapMb,
    double LuceneDirectoryMb,
    double WorkingSetMb,
    double OursP50Ms,
    double OursP99Ms,
    double LuceneP50Ms,
    double LuceneP99Ms,
    double? HybridP50Ms,
    double? HybridP99Ms,
    double? EmbedQueryP50Ms,
    double? DenseOnlyP50Ms,
    double? Int8ScanP50Ms,
    double? OursNdcg10,
    double? LuceneNdcg10,
    string DenseVectors)
{
    public double OursDocsPerSecond => Docs / OursBuildSeconds;

    public double LuceneDocsPerSecond => Docs / LuceneBuildSeconds;
}
