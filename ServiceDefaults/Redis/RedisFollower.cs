using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// The loop that keeps something in memory in step with Redis: refresh at start, again as soon as
/// <c>channel</c> announces a change, and on a slow poll as a safety net for an announcement missed
/// while disconnected. Redis being slow, down or unreachable never ends the loop (see
/// <see cref="RedisRetry"/>); it carries on by itself when Redis answers again, and what is already
/// in memory keeps serving meanwhile.
/// </summary>
/// <remarks>
/// Only this loop writes what it follows: an announcement wakes it up rather than carrying the new
/// value in, so a slow read started before the announcement can never overwrite a newer value.
/// </remarks>
public sealed class RedisFollower(IConnectionMultiplexer redis, RedisChannel channel, ILogger logger, string work)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly Channel<bool> _announcements = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ResiliencePipeline _retry = RedisRetry.UntilDone(logger, work, MaxRetryDelay);
    private bool _subscribed;

    /// <summary>
    /// Runs until <paramref name="stoppingToken"/> fires. <paramref name="refresh"/> reads Redis and
    /// returns true once something is loaded; until then it is tried every <paramref name="untilLoaded"/>,
    /// afterwards every <paramref name="pollInterval"/> (and on each announcement).
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task<bool>> refresh, TimeSpan untilLoaded, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                var loaded = await _retry.ExecuteAsync(
                    async token =>
                    {
                        await SubscribeOnceAsync();
                        return await refresh(token);
                    },
                    stoppingToken);
                await WaitForAnnouncementAsync(loaded ? pollInterval : untilLoaded, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SubscribeOnceAsync()
    {
        // Subscribing to an unreachable server throws; once subscribed, the multiplexer restores
        // the subscription by itself after every reconnect.
        if (_subscribed || !redis.IsConnected)
        {
            return;
        }

        await redis.GetSubscriber().SubscribeAsync(channel, (_, _) => _announcements.Writer.TryWrite(true));
        _subscribed = true;
    }

    /// <summary>A burst of announcements wakes the loop once: the refresh reads the latest state anyway.</summary>
    private async Task WaitForAnnouncementAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await _announcements.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without an announcement.
        }
    }
}
