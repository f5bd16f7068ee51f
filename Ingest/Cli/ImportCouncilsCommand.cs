using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Core.Councils;
using Recommend.Core.Storage;
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
    public const string Usage =
        "import-councils --file uk_local_authorities.csv [--out FILE.json] [--codes BPL,KWL,...] [--show-rejects N] [--publish [--redis host:port]]";

    /// <summary>Where --publish finds Redis when --redis is not given: what Aspire passes its services.</summary>
    public const string ConnectionVariable = "ConnectionStrings__cache";

    public static CliCommand Command { get; } = new(
        "import-councils",
        "Load mySociety's UK local-authority CSV into council profiles, optionally publishing them to a running app (exit 1 if any row is rejected, 2 on usage or when Redis is unreachable).",
        Usage,
        (args, cancellationToken) => RunAsync(args, Console.Out, Console.Error, cancellationToken));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var arguments = new CliArguments(args);
        var file = arguments.ExistingFile("file");
        var outFile = arguments.Optional("out");
        var codes = ParseCodes(arguments.Optional("codes"));
        var showRejects = arguments.Int("show-rejects", 50, 0, 100_000);
        var publish = arguments.Flag("publish");
        var redisOption = arguments.Optional("redis");
        arguments.RejectUnknown();
        if (redisOption is not null && !publish)
        {
            throw new CliUsageException("--redis only applies with --publish.");
        }

        var connection = publish ? RedisConnection(redisOption) : null;

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

    private static string RedisConnection(string? option)
    {
        var connection = option ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new CliUsageException($"--publish needs Redis: pass --redis host:port or set {ConnectionVariable} (the 'cache' connection string the Aspire dashboard shows).");
        }

        return connection;
    }

    private static async Task<bool> PublishAsync(IReadOnlyList<CouncilProfile> councils, string connection, string source, TextWriter output, TextWriter error)
    {
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(connection);
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException($"--redis: '{connection}' is not a Redis connection string ({ex.Message}).");
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new CliUsageException($"--redis: '{connection}' names no host; write host:port, e.g. localhost:6379.");
        }

        // A person is waiting at a terminal: fail in seconds with a message rather than retry forever.
        configuration.AbortOnConnectFail = true;
        configuration.ConnectRetry = 1;
        configuration.ConnectTimeout = 3000;
        configuration.SyncTimeout = 10_000;
        configuration.AsyncTimeout = 10_000;
        var where = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
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
            await error.WriteLineAsync("  Is the app running? Pass --redis host:port (the 'cache' endpoint in the Aspire dashboard) or set " + ConnectionVariable + ".");
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await error.WriteLineAsync($"import-councils: Redis at {where} failed while publishing: {ex.Message}");
            await error.WriteLineAsync("  Is the app running? Pass --redis host:port (the 'cache' endpoint in the Aspire dashboard) or set " + ConnectionVariable + ".");
            return false;
        }
    }

    private static List<string>? ParseCodes(string? text) =>
        text is null
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
