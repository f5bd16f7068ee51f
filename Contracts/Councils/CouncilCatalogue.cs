using System.Text.Json;

namespace Recommend.Contracts.Councils;

/// <summary>
/// Reads council files (<see cref="CouncilFile"/> JSON): the example councils shipped with every build,
/// plus any full import a deployment drops beside them. A bad profile is reported and skipped;
/// a code seen twice keeps the first, in file-name order, and is reported when the copies differ.
/// </summary>
public static class CouncilCatalogue
{
    /// <summary>The folder the build copies data/councils/*.json into, so the app starts without ../shared.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "councils");

    public static CouncilLoadResult LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Council folder '{folder}' does not exist.");
        }

        var councils = new List<CouncilProfile>();
        var rejects = new List<string>();
        var seen = new Dictionary<string, (CouncilProfile Council, string File)>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            AddFile(file, councils, rejects, seen);
        }

        return new CouncilLoadResult(councils, rejects);
    }

    public static CouncilLoadResult LoadFile(string file)
    {
        var councils = new List<CouncilProfile>();
        var rejects = new List<string>();
        AddFile(file, councils, rejects, new Dictionary<string, (CouncilProfile, string)>(StringComparer.OrdinalIgnoreCase));
        return new CouncilLoadResult(councils, rejects);
    }

    private static void AddFile(string file, List<CouncilProfile> councils, List<string> rejects, Dictionary<string, (CouncilProfile Council, string File)> seen)
    {
        var name = Path.GetFileName(file);
        CouncilFile? data;
        try
        {
            using var stream = File.OpenRead(file);
            data = JsonSerializer.Deserialize(stream, CouncilJsonContext.Default.CouncilFile);
        }
        catch (JsonException ex)
        {
            rejects.Add($"{name}: not a valid council file ({ex.Message})");
            return;
        }

        foreach (var (council, index) in (data?.Councils ?? []).Select((c, i) => (c, i)))
        {
            var errors = CouncilValidator.Validate(council);
            if (errors.Count > 0)
            {
                rejects.Add($"{name}[{index}] '{council.Code}': {string.Join("; ", errors)}");
            }
            else if (seen.TryGetValue(council.Code, out var first))
            {
                // The examples repeat rows of a full import by design; only a conflicting copy is news.
                if (first.Council != council)
                {
                    rejects.Add($"{name}[{index}] '{council.Code}': differs from the profile with the same code in {first.File}, kept that one");
                }
            }
            else
            {
                seen[council.Code] = (council, name);
                councils.Add(council);
            }
        }
    }
}
