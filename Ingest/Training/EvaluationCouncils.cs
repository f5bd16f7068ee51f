using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;

namespace Recommend.Ingest.Training;

/// <summary>
/// The councils an evaluation or a retraining without a running app resolves judged challenges
/// with, as the app would load them: a file given (mySociety's uk_local_authorities.csv or a councils
/// JSON file), else mySociety's full UK list beside the repository (../shared/data, where the
/// AppHost finds it), else the shipped example councils. A challenge naming a council outside the
/// list is ranked without one, and said so, rather than refused: the set stays usable on a clone
/// that has only the examples.
/// </summary>
public static class EvaluationCouncils
{
    public static (IReadOnlyList<CouncilProfile> Councils, string From) Load(string? path = null)
    {
        path ??= FullUkList();
        if (path is null)
        {
            var examples = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder).Councils;
            return (examples, $"the {examples.Count} shipped example councils");
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            var loaded = CouncilCatalogue.LoadFile(path).Councils;
            return (loaded, $"{path} ({loaded.Count} councils)");
        }

        using var reader = File.OpenText(path);
        var imported = MySocietyCouncilImporter.Import(reader).Councils;
        return (imported, $"{path} ({imported.Count} councils)");
    }

    /// <summary>The challenges naming a council the evaluator does not know, as "id (CODE)".</summary>
    public static List<string> Unknown(RankingEvaluator evaluator, IEnumerable<JudgedQuery> queries) =>
        [.. queries.Where(q => q.Council is { } code && !evaluator.Knows(code)).Select(q => $"{q.Id} ({q.Council})")];

    private static string? FullUkList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recommend.sln")))
            {
                var csv = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "councils", "uk_local_authorities.csv"));
                return File.Exists(csv) ? csv : null;
            }
        }

        return null;
    }
}
