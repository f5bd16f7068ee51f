namespace Recommend.Benchmarks.Ranking;

/// <summary>Command-line options; the defaults are the run reported in docs/performance.md.</summary>
public sealed record RankingBenchmarkOptions(int Practices, int Challenges, int DenseSample, string[] Councils, string CouncilFile, string CacheDirectory)
{
    /// <summary>Every nation and governance type, urban and rural, both ends of deprivation.</summary>
    private const string DefaultCouncils = "CON,NFK,MAN,HCK,GLG,CRF,BFS,WOK";

    public static RankingBenchmarkOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var root = FindRepositoryRoot() ?? throw new InvalidOperationException("Run from inside the repository: the example councils are read from data/councils.");
        return new RankingBenchmarkOptions(
            int.Parse(Value("practices") ?? "100000"),
            int.Parse(Value("challenges") ?? "300"),
            int.Parse(Value("dense-sample") ?? "3000"),
            (Value("councils") ?? DefaultCouncils).Split(','),
            Value("council-file") ?? Path.Combine(root, "data", "councils", "examples.json"),
            Value("cache") ?? Path.Combine(root, ".data", "embeddings"));
    }

    private static string? FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recommend.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
