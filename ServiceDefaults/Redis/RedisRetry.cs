using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// Retries work against Redis for as long as Redis is slow, restarting or unreachable, with a
/// capped exponential backoff and a warning per attempt. It is the guard every background loop
/// needs: an exception escaping a BackgroundService stops the whole host, and Redis failures
/// come as two unrelated types (<see cref="RedisException"/>, and <see cref="RedisTimeoutException"/>,
/// which is a <see cref="TimeoutException"/>), so catching the first alone is not enough.
/// </summary>
public static partial class RedisRetry
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>True for the failures that go away once Redis answers again.</summary>
    public static bool IsTransient(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>A pipeline that retries <paramref name="work"/> until it succeeds or the caller stops.</summary>
    public static ResiliencePipeline UntilDone(ILogger logger, string work, TimeSpan maxDelay) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = maxDelay,
                OnRetry = arguments =>
                {
                    LogRetrying(logger, work, arguments.Outcome.Exception?.Message, arguments.AttemptNumber + 1, arguments.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer while {Work} ({Reason}); attempt {Attempt} failed, trying again in {DelaySeconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, string work, string? reason, int attempt, double delaySeconds);
}
