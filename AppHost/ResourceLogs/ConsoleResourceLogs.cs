using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Recommend.AppHost.ResourceLogs;

/// <summary>
/// Headless mode (servers, CI): no dashboard, so every resource's log lines go to the AppHost's
/// console prefixed with the resource name.
/// </summary>
public sealed class ConsoleResourceLogs(ResourceNotificationService notifications, ResourceLoggerService logs) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = new HashSet<string>(StringComparer.Ordinal);
        var tails = new List<Task>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (watched.Add(update.ResourceId))
                {
                    tails.Add(TailAsync(update.ResourceId, update.Resource.Name, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await Task.WhenAll(tails);
    }

    private async Task TailAsync(string resourceId, string displayName, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
            {
                foreach (var line in batch)
                {
                    await Console.Out.WriteLineAsync($"[{displayName}] {line.Content}");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public static void AddTo(IDistributedApplicationBuilder builder) =>
        builder.Services.AddHostedService<ConsoleResourceLogs>();
}
