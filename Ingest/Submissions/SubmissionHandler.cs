using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Streams;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>
/// Turns ingest-stream entries into catalogue changes: validates each practice again (the stream
/// also takes imports, and a queue is no place to trust), publishes all the valid ones of a batch
/// as one incremental index version, and records each submission's status.
/// </summary>
public sealed partial class SubmissionHandler(
    IncrementalIndexUpdater updater,
    IConnectionMultiplexer redis,
    IngestTelemetry telemetry,
    ILogger<SubmissionHandler> logger) : IStreamEntryHandler
{
    public async Task<IReadOnlyList<string?>> HandleAsync(IReadOnlyList<StreamEntry> entries, ITransaction acknowledgement, CancellationToken cancellationToken)
    {
        var outcomes = new string?[entries.Count];
        var valid = new List<(Practice Practice, string? TrackingId)>();
        var rejected = new List<IngestStatus>();
        for (var i = 0; i < entries.Count; i++)
        {
            var trackingId = NullIfEmpty(entries[i][IngestStreamFields.TrackingId]);
            var json = entries[i][IngestStreamFields.Practice];
            if (json.IsNullOrEmpty)
            {
                outcomes[i] = $"the entry has no '{IngestStreamFields.Practice}' field";
                continue;
            }

            Practice? practice;
            try
            {
                practice = PracticeJson.Deserialise(json!);
            }
            catch (JsonException ex)
            {
                outcomes[i] = $"the '{IngestStreamFields.Practice}' field is not a practice: {ex.Message}";
                continue;
            }

            if (practice is null)
            {
                outcomes[i] = $"the '{IngestStreamFields.Practice}' field is null";
                continue;
            }

            var errors = PracticeValidator.Validate(practice);
            if (errors.Count > 0)
            {
                // Retrying cannot make an invalid practice valid: say so at once and acknowledge it.
                telemetry.RecordRejected(1, "stream");
                LogRejected(logger, practice.Id, string.Join("; ", errors));
                if (trackingId is not null)
                {
                    rejected.Add(Status(trackingId, practice.Id, IngestStatus.Rejected, string.Join("; ", errors), null));
                }

                continue;
            }

            valid.Add((practice, trackingId));
        }

        string? version = null;
        if (valid.Count > 0)
        {
            version = await updater.UpsertAsync([.. valid.Select(v => v.Practice)], cancellationToken);
        }

        var db = redis.GetDatabase();
        var statuses = rejected.Concat(valid.Where(v => v.TrackingId is not null)
            .Select(v => Status(v.TrackingId!, v.Practice.Id, IngestStatus.Indexed, null, version)));
        await Task.WhenAll(statuses.Select(s => WriteStatusAsync(db, s)));
        return outcomes;
    }

    public async Task OnDeadLetteredAsync(StreamEntry entry, string reason, IDatabase db)
    {
        if (NullIfEmpty(entry[IngestStreamFields.TrackingId]) is { } trackingId)
        {
            await WriteStatusAsync(db, Status(trackingId, "", IngestStatus.Rejected, reason, null));
        }
    }

    private static Task<bool> WriteStatusAsync(IDatabase db, IngestStatus status) =>
        db.StringSetAsync(StoreKeys.IngestStatus(status.TrackingId), JsonSerializer.Serialize(status, SubmissionJsonContext.Default.IngestStatus), StoreKeys.IngestStatusTimeToLive);

    private static IngestStatus Status(string trackingId, string practiceId, string status, string? reason, string? version) => new()
    {
        TrackingId = trackingId,
        PracticeId = practiceId,
        Status = status,
        Reason = reason,
        IndexVersion = version,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    private static string? NullIfEmpty(RedisValue value) => value.IsNullOrEmpty ? null : (string?)value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submitted practice {Id} rejected: {Reasons}")]
    private static partial void LogRejected(ILogger logger, string id, string reasons);
}
