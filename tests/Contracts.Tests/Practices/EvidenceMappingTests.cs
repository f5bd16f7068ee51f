using System.Globalization;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Practices;

/// <summary>
/// Every evidence level in the shipped catalogue is recomputed from the source's own rating by the
/// mapping in data/catalogue/evidence-mapping.json (docs/evidence.md); a level that differs must say why.
/// </summary>
public sealed class EvidenceMappingTests
{
    private static readonly CatalogueLoadResult Catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices"));

    private static readonly Lazy<IReadOnlyList<Scale>> Scales = new(LoadScales);

    private sealed record Grade(string Name, int? Level);

    private sealed record Scale(string Id, string Measures, bool GradeIsStudyCount, bool DirectionFromMonths, bool AsteriskMeansMixed, IReadOnlyList<Grade> Grades);

    private static IReadOnlyList<Scale> LoadScales()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("data", "catalogue", "evidence-mapping.json")));
        static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();
        return [.. document.RootElement.GetProperty("scales").EnumerateArray().Select(s => new Scale(
            s.GetProperty("id").GetString()!,
            s.GetProperty("measures").GetString()!,
            Flag(s, "grade_is_study_count"),
            Flag(s, "direction_from_months"),
            Flag(s, "asterisk_means_mixed"),
            [.. s.GetProperty("grades").EnumerateArray().Select(g => new Grade(
                g.GetProperty("grade").GetString()!,
                g.GetProperty("level").ValueKind == JsonValueKind.Null ? null : g.GetProperty("level").GetInt32()))]))];
    }

    /// <summary>The level the mapping gives for a practice's scale and grade; a missing grade means unrated.</summary>
    private static int? MappedLevel(Evidence evidence, out string? problem)
    {
        problem = null;
        var scale = Scales.Value.SingleOrDefault(s => s.Id == evidence.RatingScale);
        if (scale is null)
        {
            problem = $"rating_scale '{evidence.RatingScale}' is not in evidence-mapping.json";
            return null;
        }

        if (evidence.RatingGrade is not { } grade)
        {
            return null;
        }

        if (scale.GradeIsStudyCount)
        {
            if (!int.TryParse(grade, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || evidence.NStudies != count)
            {
                problem = $"grade '{grade}' on '{scale.Id}' must be the study count, equal to n_studies ({evidence.NStudies})";
            }

            return scale.Grades[0].Level;
        }

        var match = scale.Grades.SingleOrDefault(g => g.Name == grade);
        if (match is null)
        {
            problem = $"grade '{grade}' is not one of {string.Join(", ", scale.Grades.Select(g => g.Name))} on '{scale.Id}'";
            return null;
        }

        return match.Level;
    }

    [Fact]
    public void EveryPracticeNamesAScaleFromTheMapping() =>
        Assert.All(Catalogue.Practices, p => Assert.True(
            Scales.Value.Any(s => s.Id == p.Evidence.RatingScale),
            $"{p.Id}: rating_scale '{p.Evidence.RatingScale}' is not in evidence-mapping.json"));

    [Fact]
    public void EveryLevelFollowsTheMappingOrSaysWhy()
    {
        var problems = new List<string>();
        foreach (var practice in Catalogue.Practices)
        {
            var evidence = practice.Evidence;
            var mapped = MappedLevel(evidence, out var problem);
            if (problem is not null)
            {
                problems.Add($"{practice.Id}: {problem}");
            }
            else if (mapped != evidence.Level && string.IsNullOrWhiteSpace(evidence.LevelReason))
            {
                problems.Add($"{practice.Id}: level {Show(evidence.Level)} but the mapping gives {Show(mapped)} for {evidence.RatingScale} '{evidence.RatingGrade}', and no level_reason says why");
            }
            else if (mapped == evidence.Level && evidence.LevelReason is not null)
            {
                problems.Add($"{practice.Id}: level_reason is set but the level is what the mapping gives; remove the stale reason");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void LevelsThatDifferFromTheMappingAreFewAndExplained()
    {
        var differing = Catalogue.Practices.Where(p => p.Evidence.LevelReason is not null).ToList();

        Assert.InRange(differing.Count, 1, 15);
        Assert.All(differing, p => Assert.True(p.Evidence.LevelReason!.Length >= 40, $"{p.Id}: '{p.Evidence.LevelReason}' is too short to explain anything"));
    }

    [Fact]
    public void MonthsOfProgressSetTheDirectionOnEefScales()
    {
        var eef = Scales.Value.Where(s => s.DirectionFromMonths).Select(s => s.Id).ToHashSet();
        Assert.NotEmpty(eef);
        foreach (var practice in Catalogue.Practices.Where(p => eef.Contains(p.Evidence.RatingScale!) && p.Evidence.MonthsProgress is not null))
        {
            var months = practice.Evidence.MonthsProgress!.Value;
            var expected = months > 0 ? "positive" : months == 0 ? "none" : "negative";
            Assert.True(expected == practice.Evidence.EffectDirection, $"{practice.Id}: {months} months but effect_direction '{practice.Evidence.EffectDirection}'");
        }
    }

    [Fact]
    public void FoundationsAsteriskMeansMixedEvidence()
    {
        var scales = Scales.Value.Where(s => s.AsteriskMeansMixed).Select(s => s.Id).ToHashSet();
        Assert.NotEmpty(scales);
        foreach (var practice in Catalogue.Practices.Where(p => scales.Contains(p.Evidence.RatingScale!) && p.Evidence.RatingGrade is not null))
        {
            var asterisk = practice.Evidence.RatingGrade!.Contains('*', StringComparison.Ordinal);
            Assert.True(asterisk == (practice.Evidence.EffectDirection == "mixed"), $"{practice.Id}: grade '{practice.Evidence.RatingGrade}' but effect_direction '{practice.Evidence.EffectDirection}'");
        }
    }

    [Fact]
    public void VolumeOnlyScalesInCodeAreTheMappingsVolumeScales()
    {
        var inData = Scales.Value.Where(s => s.Measures == "volume").Select(s => s.Id).Order(StringComparer.Ordinal);
        Assert.Equal(inData, EvidenceScales.VolumeOnly.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EvidenceMapsGiveNoLevelAboveOneAndNoDirection()
    {
        var mapped = Catalogue.Practices.Where(p => EvidenceScales.IsVolumeOnly(p.Evidence.RatingScale)).ToList();

        Assert.Contains(mapped, p => p.Id == "housing-first");
        Assert.All(mapped, p =>
        {
            Assert.True(p.Evidence.Level is null or 1, $"{p.Id}: level {p.Evidence.Level} from a study count");
            Assert.True(p.Evidence.EffectDirection == "unknown", $"{p.Id}: direction '{p.Evidence.EffectDirection}' from a study count");
            Assert.NotNull(p.Evidence.NStudies);
        });
    }

    [Fact]
    public void TheSchemaListsExactlyTheMappingsScales()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("data", "catalogue", "practice.schema.json")));
        var listed = schema.RootElement.GetProperty("$defs").GetProperty("practice").GetProperty("properties")
            .GetProperty("evidence").GetProperty("properties").GetProperty("rating_scale").GetProperty("enum")
            .EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Order(StringComparer.Ordinal);

        Assert.Equal(Scales.Value.Select(s => s.Id).Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void EveryScaleGradeHasALevelOrIsUnratedOnPurpose()
    {
        foreach (var scale in Scales.Value)
        {
            Assert.NotEmpty(scale.Grades);
            Assert.Equal(scale.Grades.Count, scale.Grades.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.All(scale.Grades, g => Assert.True(g.Level is null or >= 1 and <= 5, $"{scale.Id} '{g.Name}': level {g.Level}"));
            if (scale.Measures != "effect")
            {
                Assert.All(scale.Grades, g => Assert.True(g.Level is null, $"{scale.Id} measures {scale.Measures}, so '{g.Name}' cannot carry a level"));
            }
        }
    }

    private static string Show(int? level) => level?.ToString(CultureInfo.InvariantCulture) ?? "unrated";
}
