using Recommend.Core.Councils;

namespace Recommend.Ingest.Cli;

/// <summary>
/// import-councils: reads mySociety's local-authority table, reports every rejected row with its
/// reason, summarises what loaded, and writes the loaded profiles as a council file.
/// </summary>
public static class ImportCouncilsCommand
{
    public const string Usage =
        "import-councils --file uk_local_authorities.csv [--out FILE.json] [--codes BPL,KWL,...] [--show-rejects N]";

    public static CliCommand Command { get; } = new(
        "import-councils",
        "Load mySociety's UK local-authority CSV into council profiles (exit 1 if any row is rejected).",
        Usage,
        (args, cancellationToken) => RunAsync(args, Console.Out, Console.Error, cancellationToken));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = new CliArguments(args);
        var file = arguments.ExistingFile("file");
        var outFile = arguments.Optional("out");
        var codes = ParseCodes(arguments.Optional("codes"));
        var showRejects = arguments.Int("show-rejects", 50, 0, 100_000);
        arguments.RejectUnknown();

        CouncilImportResult result;
        try
        {
            using var reader = File.OpenText(file);
            result = MySocietyCouncilImporter.Import(reader);
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync($"import-councils: {Path.GetFileName(file)}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"import-councils: cannot read '{file}': {ex.Message}");
            return 1;
        }

        await output.WriteLineAsync($"import-councils: read {result.RowsRead} rows from {Path.GetFileName(file)}");
        await output.WriteLineAsync($"  loaded   {result.Councils.Count}");
        await output.WriteLineAsync($"  rejected {result.Rejects.Count}");
        await output.WriteLineAsync($"  by nation: {CliReport.Tally(result.Councils.Select(c => c.Nation))}");
        await output.WriteLineAsync($"  by type:   {CliReport.Tally(result.Councils.Select(c => c.GovernanceType))}");
        await output.WriteLineAsync($"  by rural-urban class: {CliReport.Tally(result.Councils.Select(c => c.RuralUrban))}");
        await CliReport.WriteTopReasonsAsync(output, result.Rejects);
        await CliReport.WriteRejectsAsync(output, result.Rejects, showRejects);

        var selected = result.Councils;
        if (codes is not null)
        {
            var byCode = result.Councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
            var unknown = codes.Where(c => !byCode.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                await error.WriteLineAsync($"import-councils: --codes names {string.Join(", ", unknown)}, not among the loaded councils; nothing written.");
                return 1;
            }

            selected = [.. codes.Select(c => byCode[c])];
            await output.WriteLineAsync($"  selected {selected.Count} by --codes");
        }

        if (outFile is not null)
        {
            var written = await JsonOutput.TryWriteAsync(outFile, CouncilFile.FromMySociety(selected), CouncilJsonContext.Default.CouncilFile, "import-councils", error, cancellationToken);
            if (!written)
            {
                return 1;
            }

            await output.WriteLineAsync($"wrote {selected.Count} councils to {outFile}");
        }

        return result.Rejects.Count == 0 ? 0 : 1;
    }

    private static List<string>? ParseCodes(string? text) =>
        text is null
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
