namespace Recommend.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Recommend.slnx) and the shared data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalogue => Path.Combine(Root, "data", "catalogue", "practices");

    public static string CatalogueSchema => Path.Combine(Root, "data", "catalogue", "practice.schema.json");

    /// <summary>../shared/data next to the repository; third-party data is read from there, never copied in.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Recommend.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Recommend.slnx not found above " + AppContext.BaseDirectory);
    }
}
