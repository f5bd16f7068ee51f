namespace Recommend.Tests.TestSupport;

/// <summary>
/// Finds the repository from the test binaries (walking up to the folder holding Recommend.slnx),
/// and the shared reference data beside it at ../shared/data, so no test hard-codes a path.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recommend.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    });

    public static string? RepositoryRoot => Root.Value;

    public static string? SharedData => RepositoryRoot is null ? null : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string SciFact => Path.Combine(SharedData ?? "", "scifact");

    public static bool HasSciFact =>
        SharedData is not null
        && File.Exists(Path.Combine(SciFact, "corpus.jsonl"))
        && File.Exists(Path.Combine(SciFact, "queries.train.jsonl"))
        && File.Exists(Path.Combine(SciFact, "qrels", "train.tsv"));
}
