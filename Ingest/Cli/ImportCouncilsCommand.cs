using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Councils;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// import-councils: reads mySociety's local-authority table, reports every rejected row with its
/// reason, summarises what loaded, writes the loaded profiles as a council file and, with --publish,
/// pushes them into a running app's Redis, where every recommender picks them up at once.
/// </summary>
public static class ImportCouncilsCommand
{
    public const string Name = "import-councils";

    public static Command Create()
    {
        var file = CliOptions.ExistingFile("--file", "mySociety's uk_local_authorities.csv");
        var outFile = new Option<string>("--out") { HelpName = "FILE", Description = "write the loaded councils (or those --codes selects) as a council file" };
        var codes = new Option<string>("--codes") { HelpName = "BPL,KWL,...", Description = "keep only these councils, by code [default: all loaded]" };
        var showRejects = CliOptions.Whole("--show-rejects", "N", 50, 0, 100_000, "rejected rows listed one by one");
        var publish = CliOptions.Switch("--publish", "push the councils into a running app's Redis; every recommender reloads them at once");
        var redis = RedisCli.CreateOption("with --publish: the running app's Redis");
        var command = new Command(Name, "Load mySociety's UK local-authority CSV into council profiles, optionally publishing them to a running app. Exit 1 if any row is rejected, 2 on a usage mistake or when Redis is unreachable.")
        {
            file, outFile, codes, showRejects, publish, redis,
        };
        return command.WithAction(async (parseResult, output, error, cancellationToken) =>
        {
            var connection = RedisCli.ForPublish(parseResult, publish, redis, out var problem);
            if (problem is not null)
            {
                return CliUsage.Fail(parseResult, error, problem);
            }

            var request = new Request(parseResult.GetRequiredValue(file), parseResult.GetValue(outFile), ParseCodes(parseResult.GetValue(codes)), parseResult.GetValue(showRejects), connection);
            return await RunAsync(request, output, error, cancellationToken);
        });
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    private sealed record Request(string File, string? OutFile, List<string>? Codes, int ShowRejects, ConfigurationOptions? Connection);

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (file, outFile, codes, showRejects, connection) = request;
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

        if (connection is not null)
        {
            if (selected.Count == 0)
            {
                await error.WriteLineAsync("import-councils: no councils loaded; nothing published.");
                return 1;
            }

            var published = await PublishAsync(selected, connection, Path.GetFileName(file), output, error);
            if (!published)
            {
                return 2;
            }
        }

        return result.Rejects.Count == 0 ? 0 : 1;
    }

    private static async Task<bool> PublishAsync(IReadOnlyList<CouncilProfile> councils, ConfigurationOptions configuration, string source, TextWriter output, TextWriter error)
    {
        var where = RedisCli.Describe(configuration);
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            var publisher = new CouncilPublisher(redis, NullLogger<CouncilPublisher>.Instance);
            var listeners = await publisher.PublishAsync(councils, source);
            await output.WriteLineAsync($"published {councils.Count} councils to {StoreKeys.Councils} at {where}; {listeners} recommender(s) told to reload");
            return true;
        }
        catch (RedisConnectionException ex)
        {
            // The library's own message advises abortConnect=false, which is advice for services, not for this command.
            await error.WriteLineAsync($"import-councils: cannot reach Redis at {where} ({ex.FailureType}); nothing published.");
            await error.WriteLineAsync($"  {RedisCli.Hint}");
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await error.WriteLineAsync($"import-councils: Redis at {where} failed while publishing: {ex.Message}");
            await error.WriteLineAsync($"  {RedisCli.Hint}");
            return false;
        }
    }

    private static List<string>? ParseCodes(string? text) =>
        text is null
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
