using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Practices;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// import-practices: reads another catalogue (CSV or JSON Lines) through a field mapping, prints how
/// many rows became practices and why the others were rejected, and writes the practices as a
/// catalogue file and, with --publish, queues them on a running app's ingest stream. Every row read
/// is accounted for as imported or rejected.
/// </summary>
public static class ImportPracticesCommand
{
    public const string Name = "import-practices";

    public static Command Create()
    {
        var file = CliOptions.ExistingFile("--file", "the catalogue to import");
        var format = new Option<ImportFormat>("--format")
        {
            HelpName = "csv|jsonl",
            Description = "how the file is written: CSV with a header row, or one JSON object per line",
            Required = true,
            CustomParser = ParseFormat,
        };
        var map = new Option<ImportMapping>("--map")
        {
            HelpName = "MAPPING.json|field=column,...",
            Description = "which source column fills which practice field: a mapping file, or pairs such as title=name,description=description,url=url,sector=primary_sector",
            Required = true,
            CustomParser = ReadMapping,
        };
        var sourceName = new Option<string>("--source-name") { HelpName = "NAME", Description = "the catalogue's name, kept in each practice's source [default: the mapping's source_name]" };
        var idPrefix = new Option<string>("--id-prefix") { HelpName = "PREFIX", Description = "prefix of the practice ids made from the source's ids [default: the mapping's id_prefix]" };
        var outFile = new Option<string>("--out") { HelpName = "FILE", Description = "write the imported practices as a catalogue file" };
        var showRejects = CliOptions.Whole("--show-rejects", "N", 25, 0, 100_000, "rejected rows listed one by one");
        var publish = CliOptions.Switch("--publish", "queue every imported practice on a running app's ingest stream (re-importing changes nothing)");
        var redis = RedisCli.CreateOption("with --publish: the running app's Redis");
        var command = new Command(Name, "Import another catalogue's records as practices through a field mapping, optionally queueing them into a running app. Exit 1 if any row is rejected, 2 on a usage mistake or when Redis is unreachable.")
        {
            file, format, map, sourceName, idPrefix, outFile, showRejects, publish, redis,
        };
        return command.WithAction(async (parseResult, output, error, cancellationToken) =>
        {
            var connection = RedisCli.ForPublish(parseResult, publish, redis, out var problem);
            if (problem is not null)
            {
                return CliUsage.Fail(parseResult, error, problem);
            }

            var mapping = parseResult.GetRequiredValue(map);
            var source = parseResult.GetValue(sourceName) ?? mapping.SourceName;
            var prefix = parseResult.GetValue(idPrefix) ?? mapping.IdPrefix;
            if (source is null || prefix is null)
            {
                return CliUsage.Fail(parseResult, error, $"{(source is null ? "--source-name" : "--id-prefix")} is required when the mapping has no {(source is null ? "source_name" : "id_prefix")}.");
            }

            mapping = mapping with { SourceName = source, IdPrefix = prefix };
            var problems = mapping.Problems();
            if (source.Trim().Length < 3)
            {
                problems = [.. problems, "the source name needs at least 3 characters"];
            }

            if (problems.Count > 0)
            {
                return CliUsage.Fail(parseResult, error, $"the mapping cannot be used:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
            }

            var request = new Request(parseResult.GetRequiredValue(file), parseResult.GetValue(format), mapping, parseResult.GetValue(outFile), parseResult.GetValue(showRejects), connection);
            return await RunAsync(request, output, error, cancellationToken);
        });
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    private sealed record Request(string File, ImportFormat Format, ImportMapping Mapping, string? OutFile, int ShowRejects, ConfigurationOptions? Connection);

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (file, format, mapping, outFile, showRejects, connection) = request;
        var sourceName = mapping.SourceName!;
        var idPrefix = mapping.IdPrefix!;
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

        if (connection is not null && result.Practices.Count > 0
            && !await IngestStreamPublisher.PublishAsync(result.Practices, connection, Path.GetFileName(file), output, error))
        {
            return 2;
        }

        return result.Rejects.Count == 0 ? 0 : 1;
    }

    private static ImportFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        switch (text.Trim().ToLowerInvariant())
        {
            case "csv":
                return ImportFormat.Csv;
            case "jsonl" or "jsonlines" or "ndjson":
                return ImportFormat.JsonLines;
            default:
                result.AddError($"--format must be csv or jsonl (was '{text}').");
                return ImportFormat.Csv;
        }
    }

    private static string FormatName(ImportFormat format) => format == ImportFormat.Csv ? "csv" : "jsonl";

    /// <summary>A mapping file when the value names one (or ends in .json), otherwise field=column pairs.</summary>
    private static ImportMapping ReadMapping(ArgumentResult result)
    {
        var value = result.Tokens[0].Value;
        if (File.Exists(value) || value.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(value))
            {
                var where = Path.IsPathRooted(value) ? "" : $" (looked for {Path.GetFullPath(value)})";
                return Invalid($"--map: mapping file '{value}' does not exist{where}.");
            }

            try
            {
                using var stream = File.OpenRead(value);
                return JsonSerializer.Deserialize(stream, ImportMappingJsonContext.Default.ImportMapping)
                    ?? Invalid($"--map: '{value}' holds null, not a mapping.");
            }
            catch (JsonException ex)
            {
                return Invalid($"--map: '{value}' is not a valid mapping file: {ex.Message}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Invalid($"--map: cannot read '{value}': {ex.Message}");
            }
        }

        try
        {
            return new ImportMapping { Fields = ImportMapping.ParsePairs(value) };
        }
        catch (FormatException ex)
        {
            return Invalid($"--map: {ex.Message}; write field=column pairs separated by commas, e.g. title=name,description=description.");
        }

        ImportMapping Invalid(string message)
        {
            result.AddError(message);
            return new ImportMapping();
        }
    }
}
