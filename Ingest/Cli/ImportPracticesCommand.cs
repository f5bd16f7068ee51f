using System.Text.Json;
using Recommend.Core.Practices;
using Recommend.Core.Practices.Import;

namespace Recommend.Ingest.Cli;

/// <summary>
/// import-practices: reads another catalogue (CSV or JSON Lines) through a field mapping, prints how
/// many rows became practices and why the others were rejected, and writes the practices as a
/// catalogue file. Every row read is accounted for as imported or rejected.
/// </summary>
public static class ImportPracticesCommand
{
    public const string Usage =
        "import-practices --file F --format csv|jsonl --map MAPPING.json|title=name,description=description,url=url,sector=primary_sector,... " +
        "[--source-name \"...\"] [--id-prefix ips] [--out FILE.json] [--show-rejects N]";

    public static CliCommand Command { get; } = new(
        "import-practices",
        "Import another catalogue's records as practices through a field mapping (exit 1 if any row is rejected).",
        Usage,
        (args, cancellationToken) => RunAsync(args, Console.Out, Console.Error, cancellationToken));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = new CliArguments(args);
        var file = arguments.ExistingFile("file");
        var format = ParseFormat(arguments.Required("format"));
        var mapping = ReadMapping(arguments.Required("map"));
        var sourceName = arguments.Optional("source-name") ?? mapping.SourceName
            ?? throw new CliUsageException("--source-name is required when the mapping has no source_name.");
        var idPrefix = arguments.Optional("id-prefix") ?? mapping.IdPrefix
            ?? throw new CliUsageException("--id-prefix is required when the mapping has no id_prefix.");
        var outFile = arguments.Optional("out");
        var showRejects = arguments.Int("show-rejects", 25, 0, 100_000);
        arguments.RejectUnknown();

        mapping = mapping with { SourceName = sourceName, IdPrefix = idPrefix };
        var problems = mapping.Problems();
        if (sourceName.Trim().Length < 3)
        {
            problems = [.. problems, "the source name needs at least 3 characters"];
        }

        if (problems.Count > 0)
        {
            throw new CliUsageException($"the mapping cannot be used:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        CatalogueImportResult result;
        try
        {
            using var reader = File.OpenText(file);
            result = new CatalogueImporter(mapping, sourceName.Trim(), idPrefix).Import(reader, format);
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"import-practices: {Path.GetFileName(file)}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"import-practices: cannot read '{file}': {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync($"import-practices: read {result.RowsRead} rows from {Path.GetFileName(file)} ({FormatName(format)})");
        await output.WriteLineAsync($"  imported {result.Practices.Count}");
        await output.WriteLineAsync($"  rejected {result.Rejects.Count}");
        await output.WriteLineAsync($"  imported + rejected = {result.Practices.Count + result.Rejects.Count} = rows read");
        await output.WriteLineAsync($"  by first service area: {CliReport.Tally(result.Practices.Select(p => p.ServiceAreas[0]))}");
        await CliReport.WriteTopReasonsAsync(output, result.Rejects);
        await CliReport.WriteRejectsAsync(output, result.Rejects, showRejects);
        if (result.UnmappedSecondarySectors.Count > 0)
        {
            var unmapped = result.UnmappedSecondarySectors.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}");
            await output.WriteLineAsync($"secondary sectors that added no service area (the primary sector's was used): {string.Join(", ", unmapped)}");
        }

        if (outFile is not null)
        {
            var practices = result.Practices.ToList();
            if (!await JsonOutput.TryWriteAsync(outFile, practices, PracticeJsonContext.Default.ListPractice, "import-practices", error, cancellationToken))
            {
                return 1;
            }

            await output.WriteLineAsync($"wrote {practices.Count} practices to {outFile}");
        }

        return result.Rejects.Count == 0 ? 0 : 1;
    }

    private static ImportFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => ImportFormat.Csv,
        "jsonl" or "jsonlines" or "ndjson" => ImportFormat.JsonLines,
        _ => throw new CliUsageException($"--format must be csv or jsonl (was '{text}')."),
    };

    private static string FormatName(ImportFormat format) => format == ImportFormat.Csv ? "csv" : "jsonl";

    /// <summary>A mapping file when the value names one (or ends in .json), otherwise field=column pairs.</summary>
    private static ImportMapping ReadMapping(string value)
    {
        if (File.Exists(value) || value.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(value))
            {
                var where = Path.IsPathRooted(value) ? "" : $" (looked for {Path.GetFullPath(value)})";
                throw new CliUsageException($"--map: mapping file '{value}' does not exist{where}.");
            }

            try
            {
                using var stream = File.OpenRead(value);
                return JsonSerializer.Deserialize(stream, ImportMappingJsonContext.Default.ImportMapping)
                    ?? throw new CliUsageException($"--map: '{value}' holds null, not a mapping.");
            }
            catch (JsonException ex)
            {
                throw new CliUsageException($"--map: '{value}' is not a valid mapping file: {ex.Message}");
            }
        }

        try
        {
            return new ImportMapping { Fields = ImportMapping.ParsePairs(value) };
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"--map: {ex.Message}; write field=column pairs separated by commas, e.g. title=name,description=description.");
        }
    }
}
