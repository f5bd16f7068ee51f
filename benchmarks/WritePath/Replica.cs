extern alias RecommenderApp;

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RecommenderApp::Recommend.Recommender;
using RecommenderApp::Recommend.Recommender.Index;
using Recommend.ServiceDefaults.Councils;
using StackExchange.Redis;

namespace Recommend.Benchmarks.WritePath;

/// <summary>
/// One recommender replica in its own process: the recommender's IndexLoader keeping an IndexHolder
/// on the current version, exactly as in the service, and a watcher that announces every version the
/// holder starts serving (with the process's memory) on <see cref="Channel"/>.
/// </summary>
internal static class Replica
{
    public const string Channel = "bench:replica-serves";

    public static Process Start(string connection, string name)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Replica).Assembly.Location);
        }

        start.ArgumentList.Add("--replica");
        start.ArgumentList.Add(connection);
        start.ArgumentList.Add(name);
        return Process.Start(start)!;
    }

    public static async Task<int> RunAsync(string connection, string name)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection([new("Recommender:Semantic", "true")]);
        var redis = await ConnectionMultiplexer.ConnectAsync(connection);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSingleton<IndexHolder>();
        builder.Services.AddSingleton<QueryEmbedder>();
        builder.Services.AddSingleton<CouncilRegistry>();
        builder.Services.AddSingleton<RecommenderTelemetry>();
        builder.Services.AddHostedService<IndexLoader>();
        using var host = builder.Build();
        await host.StartAsync();

        var holder = host.Services.GetRequiredService<IndexHolder>();
        var subscriber = redis.GetSubscriber();
        string? announced = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (await timer.WaitForNextTickAsync())
        {
            // Checked every 2 ms: the announcement is at most that late, against latencies of tens of ms and more.
            if (holder.Current is { } index && index.Version != announced)
            {
                announced = index.Version;
                using var self = Process.GetCurrentProcess();
                var message = string.Join(' ', name, index.Version, (self.WorkingSet64 / 1e6).ToString("0.0", CultureInfo.InvariantCulture), (GC.GetTotalMemory(false) / 1e6).ToString("0.0", CultureInfo.InvariantCulture));
                await subscriber.PublishAsync(RedisChannel.Literal(Channel), message);
            }
        }

        return 0;
    }
}
