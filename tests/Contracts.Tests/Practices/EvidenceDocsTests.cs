using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

/// <summary>docs/evidence.md says what the data holds: every scale of the mapping, every level set against it, and the context coverage.</summary>
public sealed class EvidenceDocsTests
{
    private static readonly CatalogueLoadResult Catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices"));

    private static readonly string Doc = File.ReadAllText(RepoPaths.InRepo("docs", "evidence.md"));

    [Fact]
    public void EveryScaleOfTheMappingHasItsSection()
    {
        using var mapping = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("data", "catalogue", "evidence-mapping.json")));
        foreach (var scale in mapping.RootElement.GetProperty("scales").EnumerateArray())
        {
            var id = scale.GetProperty("id").GetString();
            Assert.True(Doc.Contains($"### `{id}`", StringComparison.Ordinal), $"docs/evidence.md has no section for scale {id}");
            var section = Doc[Doc.IndexOf($"### `{id}`", StringComparison.Ordinal)..];
            section = section[..(section.IndexOf("\n### ", 4, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
            var count = Catalogue.Practices.Count(p => p.Evidence.RatingScale == id);
            Assert.True(section.Contains($"Practices on this scale: {count}.", StringComparison.Ordinal), $"{id}: the doc's practice count is not {count}");
            foreach (var grade in scale.GetProperty("grades").EnumerateArray())
            {
                var level = grade.GetProperty("level");
                var row = $"| `{grade.GetProperty("grade").GetString()}` | {grade.GetProperty("published_as").GetString()} | {(level.ValueKind == JsonValueKind.Null ? "unrated" : level.GetInt32().ToString(CultureInfo.InvariantCulture))} |";
                Assert.True(section.Contains(row, StringComparison.Ordinal), $"{id}: docs/evidence.md lacks the row {row}");
            }
        }
    }

    [Fact]
    public void EveryLevelSetAgainstTheMappingIsListed() =>
        Assert.All(Catalogue.Practices.Where(p => p.Evidence.LevelReason is not null), p =>
            Assert.True(Doc.Contains($"| `{p.Id}` |", StringComparison.Ordinal), $"{p.Id} has a level_reason but is not in docs/evidence.md"));

    [Fact]
    public void ContextCoverageTableMatchesTheCatalogue()
    {
        var contexts = Catalogue.Practices.Select(p => p.EvidenceContext ?? new EvidenceContext()).ToList();
        var expected = new Dictionary<string, int>
        {
            ["`countries`"] = contexts.Count(c => c.Countries.Count > 0),
            ["`governance_types`"] = contexts.Count(c => c.GovernanceTypes.Count > 0),
            ["`rural_urban`"] = contexts.Count(c => c.RuralUrban.Count > 0),
            ["`deprivation_quintiles`"] = contexts.Count(c => c.DeprivationQuintiles.Count > 0),
            ["`population_bands`"] = contexts.Count(c => c.PopulationBands.Count > 0),
            ["country only"] = contexts.Count(c => c.Countries.Count > 0 && c.GovernanceTypes.Count + c.RuralUrban.Count + c.DeprivationQuintiles.Count + c.PopulationBands.Count == 0),
            ["nothing"] = contexts.Count(c => c.Countries.Count + c.GovernanceTypes.Count + c.RuralUrban.Count + c.DeprivationQuintiles.Count + c.PopulationBands.Count == 0),
        };

        foreach (var (field, count) in expected)
        {
            var row = Regex.Match(Doc, $@"^\| {Regex.Escape(field)} \| (\d+) \|", RegexOptions.Multiline);
            Assert.True(row.Success, $"docs/evidence.md has no coverage row for {field}");
            Assert.True(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) == count, $"{field}: the doc says {row.Groups[1].Value}, the catalogue has {count}");
        }

        Assert.Contains($"(practices that state it, of {Catalogue.Practices.Count};", Doc, StringComparison.Ordinal);
    }
}
