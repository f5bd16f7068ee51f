using Microsoft.Extensions.Configuration;
using Recommend.AppHost;

namespace Recommend.EndToEnd.Tests;

/// <summary>Which council list the AppHost hands to ingest (no app is started).</summary>
public sealed class CouncilReferenceListTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("recommend-apphost-");

    private string AppHostDirectory => Directory.CreateDirectory(Path.Combine(_root.FullName, "repo", "AppHost")).FullName;

    public void Dispose() => _root.Delete(recursive: true);

    private static IConfiguration Settings(string? councilsCsv) =>
        new ConfigurationBuilder().AddInMemoryCollection(councilsCsv is null ? [] : [new(CouncilReferenceList.ConfigurationKey, councilsCsv)]).Build();

    [Fact]
    public void WithoutSettingOrSharedDataIngestPublishesTheExamplesAlone()
    {
        Assert.Null(CouncilReferenceList.Resolve(Settings(null), AppHostDirectory));
    }

    [Fact]
    public void TheSharedUkListBesideTheRepositoryIsUsedWhenPresent()
    {
        var shared = Path.Combine(_root.FullName, "shared", "data", "councils", "uk_local_authorities.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        File.WriteAllText(shared, "local-authority-code\n");

        Assert.Equal(shared, CouncilReferenceList.Resolve(Settings(null), AppHostDirectory));
    }

    [Fact]
    public void AConfiguredRelativePathIsReadFromTheRepositoryRoot()
    {
        var resolved = CouncilReferenceList.Resolve(Settings("data/mine.csv"), AppHostDirectory);

        Assert.Equal(Path.Combine(_root.FullName, "repo", "data", "mine.csv"), resolved);
    }

    [Fact]
    public void NoneMeansTheExamplesEvenWhenTheSharedListExists()
    {
        var shared = Path.Combine(_root.FullName, "shared", "data", "councils", "uk_local_authorities.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        File.WriteAllText(shared, "local-authority-code\n");

        Assert.Null(CouncilReferenceList.Resolve(Settings("none"), AppHostDirectory));
    }
}
