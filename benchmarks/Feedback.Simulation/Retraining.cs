extern alias IngestApp;

using IngestApp::Recommend.Ingest.Cli;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// The researcher's step between checkpoints, run exactly as the command line runs it
/// (<c>retrain [--feedback] --publish --redis HOST:PORT</c>, parsing included), then waiting until
/// the feedback posted so far is in the log before, and the gateway serves the published version after.
/// </summary>
public sealed class Retraining(IConnectionMultiplexer redis, string redisAddress, string reportRoot)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public sealed record Outcome(int ExitCode, string Output, string Error, string? Current);

    public async Task<Outcome> RunAsync(bool feedback, string label, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = [.. feedback ? new[] { "--feedback" } : [], "--publish", "--redis", redisAddress, "--report", Path.Combine(reportRoot, label)];
        var exit = await RetrainCommand.RunAsync(args, output, error, cancellationToken);
        var current = (string?)await redis.GetDatabase().StringGetAsync(StoreKeys.CurrentIndexVersion);
        return new Outcome(exit, output.ToString(), error.ToString(), current);
    }

    /// <summary>Until ingest has written every accepted post to the event log (or it stops growing for a while).</summary>
    public async Task<long> WaitForLogAsync(long accepted, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var last = -1L;
        var still = DateTime.UtcNow;
        while (true)
        {
            var length = await db.StreamLengthAsync(StoreKeys.FeedbackEvents);
            if (length >= accepted)
            {
                return length;
            }

            if (length != last)
            {
                (last, still) = (length, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - still > TimeSpan.FromSeconds(30))
            {
                Console.Error.WriteLine($"warning: the event log holds {length} events, {accepted} posts were accepted; going on");
                return length;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Until the gateway answers from <paramref name="version"/> (recommenders load it on the publish event, the gateway re-reads it).</summary>
    public static async Task WaitServedAsync(GatewayClient client, string version, CancellationToken cancellationToken)
    {
        var probe = new RecommendationRequest { Challenge = $"probe {Guid.NewGuid():N} loneliness among older residents" };
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            var response = await client.RecommendAsync(probe, cancellationToken);
            if (response?.IndexVersion == version)
            {
                return;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        throw new TimeoutException($"The gateway did not serve {version} within {Patience.TotalMinutes} minutes.");
    }
}
