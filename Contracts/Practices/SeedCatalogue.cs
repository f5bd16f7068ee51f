using System.Text.Json;

namespace Recommend.Contracts.Practices;

/// <summary>What loading a catalogue folder produced: the good records and, per bad record, why it was refused.</summary>
public sealed record CatalogueLoadResult(IReadOnlyList<Practice> Practices, IReadOnlyList<string> Rejects);

/// <summary>
/// Reads the project's own catalogue: every *.json file in a folder, each an array of practices.
/// A bad record is reported and skipped, never silently dropped; duplicate ids keep the first.
/// </summary>
public static class SeedCatalogue
{
    /// <summary>The catalogue folder shipped with the build output (copied from data/catalogue/practices).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "catalogue", "practices");

    public static CatalogueLoadResult LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Catalogue folder '{folder}' does not exist.");
        }

        var practices = new List<Practice>();
        var rejects = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            List<Practice>? records;
            try
            {
                using var stream = File.OpenRead(file);
                records = JsonSerializer.Deserialize(stream, PracticeJsonContext.Default.ListPractice);
            }
            catch (JsonException ex)
            {
                rejects.Add($"{Path.GetFileName(file)}: not a valid practice array ({ex.Message})");
                continue;
            }

            foreach (var (practice, index) in (records ?? []).Select((p, i) => (p, i)))
            {
                var errors = PracticeValidator.Validate(practice);
                if (errors.Count > 0)
                {
                    rejects.Add($"{Path.GetFileName(file)}[{index}] '{practice.Id}': {string.Join("; ", errors)}");
                }
                else if (!seen.Add(practice.Id))
                {
                    rejects.Add($"{Path.GetFileName(file)}[{index}] '{practice.Id}': duplicate id");
                }
                else
                {
                    practices.Add(practice);
                }
            }
        }

        return new CatalogueLoadResult(practices, rejects);
    }
}
