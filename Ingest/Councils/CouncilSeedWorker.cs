using Microsoft.Extensions.Options;
using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.Ingest.Import.Tabular;
using Recommend.ServiceDefaults.Redis;

namespace Recommend.Ingest.Councils;

/// <summary>
/// On start, loads the example councils shipped with the build and, when Councils:ReferenceCsv names
/// an existing file, mySociety's full list (its rows replace examples with the same code), then
/// publishes them all to Redis. Every rejected profile or row is logged with its reasons. Retries while
/// Redis is slow or not reachable yet; re-running writes the same values again, so it is safe to restart.
/// </summary>
public sealed partial class CouncilSeedWorker(
    IOptions<CouncilOptions> options,
    CouncilPublisher publisher,
    CouncilState state,
    IngestTelemetry telemetry,
    ILogger<CouncilSeedWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var examples = LoadExamples(options.Value.ExamplesFolder ?? CouncilCatalogue.DefaultFolder);
        var reference = LoadReference(options.Value.ReferenceCsv);

        var byCode = new Dictionary<string, CouncilProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var council in examples.Concat(reference.Councils))
        {
            byCode[council.Code] = council;
        }

        if (byCode.Count == 0)
        {
            state.Fail("no councils to publish: the examples and the reference list are both missing or empty (see the log)");
            LogNothingToPublish(logger);
            return;
        }

        var councils = byCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var reason = reference.Councils.Count > 0 ? $"examples and {Path.GetFileName(options.Value.ReferenceCsv)}" : "examples";
        await RedisRetry.UntilDone(logger, "publishing the councils", MaxRetryDelay).ExecuteAsync(
            async _ => await publisher.PublishAsync(councils, reason),
            stoppingToken);
        state.Complete(councils.Count, examples.Count, reference.Councils.Count, reference.Rejects.Count);
    }

    private IReadOnlyList<CouncilProfile> LoadExamples(string folder)
    {
        CouncilLoadResult loaded;
        try
        {
            loaded = CouncilCatalogue.LoadFolder(folder);
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            LogExamplesMissing(logger, folder, ex.Message);
            return [];
        }

        foreach (var reject in loaded.Rejects)
        {
            LogExampleRejected(logger, reject);
        }

        telemetry.RecordRejected(loaded.Rejects.Count, "council-examples");
        LogExamplesLoaded(logger, loaded.Councils.Count, loaded.Rejects.Count, folder);
        return loaded.Councils;
    }

    private CouncilImportResult LoadReference(string? file)
    {
        var none = new CouncilImportResult(0, [], []);
        if (string.IsNullOrWhiteSpace(file))
        {
            LogNoReference(logger);
            return none;
        }

        if (!File.Exists(file))
        {
            LogReferenceMissing(logger, file);
            return none;
        }

        CouncilImportResult result;
        try
        {
            using var reader = File.OpenText(file);
            result = MySocietyCouncilImporter.Import(reader);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            LogReferenceUnreadable(logger, file, ex.Message);
            return none;
        }

        foreach (var reject in result.Rejects)
        {
            LogReferenceRejected(logger, Path.GetFileName(file), reject);
        }

        telemetry.RecordRejected(result.Rejects.Count, "council-reference");
        LogReferenceLoaded(logger, result.Councils.Count, result.RowsRead, result.Rejects.Count, file);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Example councils: {Count} valid, {Rejected} rejected, from {Folder}")]
    private static partial void LogExamplesLoaded(ILogger logger, int count, int rejected, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Example council rejected: {Reason}")]
    private static partial void LogExampleRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Example councils could not be read from {Folder}: {Reason}")]
    private static partial void LogExamplesMissing(ILogger logger, string folder, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No reference council list configured (Councils:ReferenceCsv); publishing the example councils only")]
    private static partial void LogNoReference(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference council list {File} (Councils:ReferenceCsv) does not exist; publishing the example councils only")]
    private static partial void LogReferenceMissing(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reference council list {File} could not be read: {Reason}; publishing the example councils only")]
    private static partial void LogReferenceUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference council rejected ({File}): {Reject}")]
    private static partial void LogReferenceRejected(ILogger logger, string file, RowReject reject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference councils: {Count} loaded of {Rows} rows, {Rejected} rejected, from {File}")]
    private static partial void LogReferenceLoaded(ILogger logger, int count, int rows, int rejected, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "No councils to publish; recommenders keep the examples they ship with")]
    private static partial void LogNothingToPublish(ILogger logger);
}
