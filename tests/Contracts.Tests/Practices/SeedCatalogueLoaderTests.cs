using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

public sealed class SeedCatalogueLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recommend-seed-").FullName;

    [Fact]
    public void BadRecordsAreReportedWithTheirReasonAndGoodOnesLoad()
    {
        var good = TestPractices.Valid("good-one");
        var bad = TestPractices.Valid("bad-one") with { ServiceAreas = ["parks"] };
        var duplicate = TestPractices.Valid("good-one");
        File.WriteAllText(Path.Combine(_folder, "a.json"), JsonSerializer.Serialize(new List<Practice> { good, bad, duplicate }, PracticeJsonContext.Default.ListPractice));
        File.WriteAllText(Path.Combine(_folder, "b.json"), "{ not json");

        var result = SeedCatalogue.LoadFolder(_folder);

        Assert.Equal(["good-one"], result.Practices.Select(p => p.Id));
        Assert.Equal(3, result.Rejects.Count);
        Assert.Contains(result.Rejects, r => r.Contains("'bad-one'", StringComparison.Ordinal) && r.Contains("parks", StringComparison.Ordinal));
        Assert.Contains(result.Rejects, r => r.Contains("duplicate id", StringComparison.Ordinal));
        Assert.Contains(result.Rejects, r => r.StartsWith("b.json", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownFieldsAreRejectedNotIgnored()
    {
        File.WriteAllText(Path.Combine(_folder, "a.json"), """[{ "id": "x", "titel": "typo" }]""");
        var result = SeedCatalogue.LoadFolder(_folder);
        Assert.Empty(result.Practices);
        Assert.Single(result.Rejects);
    }

    [Fact]
    public void AbsentOptionalListsLoadAsEmptyNotNull()
    {
        var json = PracticeJson.Serialise(TestPractices.Valid("no-lists"))
            .Replace(",\"adopters\":[]", "", StringComparison.Ordinal)
            .Replace(",\"population\":null", "", StringComparison.Ordinal);
        Assert.DoesNotContain("adopters", json, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "a.json"), $"[{json}]");

        var result = SeedCatalogue.LoadFolder(_folder);

        Assert.Empty(result.Rejects);
        Assert.NotNull(Assert.Single(result.Practices).Adopters);
    }

    [Fact]
    public void MissingFolderSaysWhichFolder()
    {
        var ex = Assert.Throws<DirectoryNotFoundException>(() => SeedCatalogue.LoadFolder(Path.Combine(_folder, "nope")));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
