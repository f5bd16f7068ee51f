using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// import-practices --publish: puts every imported practice on a running app's ingest stream, the
/// same way the gateway queues a submitted one, so ingest validates, de-duplicates (by id and content
/// hash: a re-import changes nothing) and indexes them incrementally.
/// </summary>
public static class IngestStreamPublisher
{
    public static async Task<bool> PublishAsync(IReadOnlyList<Practice> practices, ConfigurationOptions configuration, string source, TextWriter output, TextWriter error)
    {
        var where = RedisCli.Describe(configuration);
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
            var db = redis.GetDatabase();
            var origin = $"import:{source}";
            var queued = new List<Task<RedisValue>>(practices.Count);
            foreach (var practice in practices)
            {
                queued.Add(db.StreamAddAsync(StoreKeys.IngestStream,
                [
                    new NameValueEntry(IngestStreamFields.Practice, PracticeJson.Serialise(practice)),
                    new NameValueEntry(IngestStreamFields.TrackingId, Guid.NewGuid().ToString("N")),
                    new NameValueEntry(IngestStreamFields.Origin, origin),
                ]));
            }

            await Task.WhenAll(queued);
            await output.WriteLineAsync($"queued {practices.Count} practices on {StoreKeys.IngestStream} at {where}; ingest indexes them within seconds (unchanged ones publish nothing)");
            return true;
        }
        catch (RedisConnectionException ex)
        {
            await error.WriteLineAsync($"import-practices: cannot reach Redis at {where} ({ex.FailureType}); nothing queued.");
            await error.WriteLineAsync($"  {RedisCli.Hint}");
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await error.WriteLineAsync($"import-practices: Redis at {where} failed while queueing: {ex.Message}; some practices may be queued (queueing again is harmless).");
            return false;
        }
    }
}
