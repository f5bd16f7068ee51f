namespace Recommend.TestSupport.Data;

/// <summary>
/// The one place tests find paths: the repository root (the folder holding Recommend.sln, found from
/// the test binaries) and the read-only reference data beside it in ../shared/data, never hard-coded.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    public static string InSharedData(params string[] parts) => Path.Combine([SharedData, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recommend.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Recommend.sln above {AppContext.BaseDirectory}.");
    }
}
