namespace Recommend.TestSupport.Data;

/// <summary>The reference files the tests read from ../shared/data, named once.</summary>
public static class SharedFiles
{
    public const string UkLocalAuthorities = "councils/uk_local_authorities.csv";
    public const string IpsCases = "practices/ips_cases.csv";
    public const string SciFactCorpus = "scifact/corpus.jsonl";
    public const string SciFactTrainQueries = "scifact/queries.train.jsonl";
    public const string SciFactTrainQrels = "scifact/qrels/train.tsv";

    public static string PathOf(string relativePath) => RepoPaths.InSharedData(relativePath.Split('/'));
}
