namespace Recommend.Benchmarks;

/// <summary>Command-line options; the defaults are the run reported in docs/performance.md.</summary>
public sealed record BenchmarkOptions(string? SciFactFolder, int[] SyntheticSizes, int QueryCount, int DenseSample, string CacheDirectory, bool Hybrid)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var root = FindRepositoryRoot();
        var scifact = Value("scifact") ?? (root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "scifact")));
        if (scifact is not null && !File.Exists(Path.Combine(scifact, "corpus.jsonl")))
        {
            Console.Error.WriteLine($"SciFact not found at {scifact}; running the synthetic corpora only.");
            scifact = null;
        }

        var sizes = (Value("sizes") ?? "10000,100000").Split(',').Select(int.Parse).ToArray();
        return new BenchmarkOptions(
            args.Contains("--no-scifact") ? null : scifact,
            sizes,
            int.Parse(Value("queries") ?? "500"),
            int.Parse(Value("dense-sample") ?? "2000"),
            Value("cache") ?? Path.Combine(root ?? Path.GetTempPath(), ".data", "embeddings"),
            !args.Contains("--no-hybrid"));
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
