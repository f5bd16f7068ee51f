using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

/// <summary>The shipped catalogue, record by record: what a council officer relies on.</summary>
public sealed class SeedCatalogueTests
{
    private static readonly CatalogueLoadResult Catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices"));

    [Fact]
    public void EveryRecordPassesValidation() =>
        Assert.True(Catalogue.Rejects.Count == 0, string.Join(Environment.NewLine, Catalogue.Rejects));

    [Fact]
    public void CatalogueHoldsAtLeast250PracticesWithNoServiceAreaUnderTen()
    {
        Assert.True(Catalogue.Practices.Count >= 250, $"{Catalogue.Practices.Count} practices");
        var byPrimaryArea = Catalogue.Practices.GroupBy(p => p.ServiceAreas[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byPrimaryArea.Count >= 12, $"{byPrimaryArea.Count} areas");
        foreach (var area in ServiceArea.All)
        {
            Assert.True(byPrimaryArea.GetValueOrDefault(area) >= 10, $"{area}: {byPrimaryArea.GetValueOrDefault(area)}");
        }
    }

    [Fact]
    public void IdsAreUniqueAcrossFiles()
    {
        var ids = Directory.EnumerateFiles(RepoPaths.InRepo("data", "catalogue", "practices"), "*.json")
            .SelectMany(f => JsonSerializer.Deserialize(File.ReadAllText(f), PracticeJsonContext.Default.ListPractice)!)
            .Select(p => p.Id)
            .ToList();
        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EachFileHoldsPracticesOfItsOwnPrimaryArea()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.InRepo("data", "catalogue", "practices"), "*.json"))
        {
            var area = Path.GetFileNameWithoutExtension(file);
            Assert.True(ServiceArea.IsKnown(area), $"{file} is not named after a service area");
            var practices = JsonSerializer.Deserialize(File.ReadAllText(file), PracticeJsonContext.Default.ListPractice)!;
            Assert.All(practices, p => Assert.Equal(area, p.ServiceAreas[0]));
        }
    }

    [Fact]
    public void NoTwoPracticesHaveNearIdenticalText()
    {
        var shingles = Catalogue.Practices.Select(p => (p.Id, set: Shingles(p.Description))).ToList();
        var nearDuplicates = new List<string>();
        for (var i = 0; i < shingles.Count; i++)
        {
            for (var j = i + 1; j < shingles.Count; j++)
            {
                var a = shingles[i].set;
                var b = shingles[j].set;
                var jaccard = (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));
                if (jaccard > 0.5)
                {
                    nearDuplicates.Add($"{shingles[i].Id} ~ {shingles[j].Id} ({jaccard:0.00})");
                }
            }
        }

        Assert.Empty(nearDuplicates);
    }

    [Fact]
    public void TitlesAreDistinct() =>
        Assert.Empty(Catalogue.Practices.GroupBy(p => p.Title.ToLowerInvariant()).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public void WeakMixedAndNegativeEvidenceIsPresentAndLabelled()
    {
        Assert.Contains(Catalogue.Practices, p => p.Evidence.EffectDirection == "negative");
        Assert.Contains(Catalogue.Practices, p => p.Evidence.EffectDirection == "none");
        Assert.Contains(Catalogue.Practices, p => p.Evidence.EffectDirection == "mixed");
        Assert.True(Catalogue.Practices.Count(p => p.Evidence.Level == 1) >= 20, "case studies with no formal evaluation (level 1)");
    }

    [Fact]
    public void UnratedEvidenceCarriesNoEffectFigures() =>
        Assert.All(
            Catalogue.Practices.Where(p => p.Evidence.Level is null),
            p => Assert.True(p.Evidence.MonthsProgress is null && p.Evidence.EffectSize is null, $"{p.Id} is unrated yet has an effect figure"));

    [Fact]
    public void EveryFileMatchesTheJsonSchemasRequiredFields()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("data", "catalogue", "practice.schema.json")));
        var required = schema.RootElement.GetProperty("$defs").GetProperty("practice").GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToList();
        var allowed = schema.RootElement.GetProperty("$defs").GetProperty("practice").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.InRepo("data", "catalogue", "practices"), "*.json"))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var record in document.RootElement.EnumerateArray())
            {
                var names = record.EnumerateObject().Select(p => p.Name).ToHashSet();
                Assert.All(required, field => Assert.True(names.Contains(field), $"{Path.GetFileName(file)} {record.GetProperty("id")}: missing {field}"));
                Assert.All(names, field => Assert.True(allowed.Contains(field), $"{Path.GetFileName(file)}: unknown field {field}"));
            }
        }
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(0, Math.Max(0, words.Length - 2)).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToHashSet();
    }
}
