using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Recommend.Benchmarks.WritePath;

/// <summary>What every replica process last said it serves, heard on <see cref="Replica.Channel"/>.</summary>
internal sealed class Replicas : IDisposable
{
    private readonly int _count;
    private readonly ConcurrentDictionary<string, (string Version, double WorkingSetMb, double ManagedMb)> _serving = new();
    private readonly SemaphoreSlim _changed = new(0);

    public Replicas(IConnectionMultiplexer redis, int count)
    {
        _count = count;
        redis.GetSubscriber().Subscribe(RedisChannel.Literal(Replica.Channel), (_, message) =>
        {
            var parts = ((string)message!).Split(' ');
            _serving[parts[0]] = (parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
            _changed.Release();
        });
    }

    /// <summary>Returns once every replica serves <paramref name="version"/>.</summary>
    public async Task WaitForAsync(string version, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (_serving.Count < _count || _serving.Values.Any(s => s.Version != version))
        {
            try
            {
                await _changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not every replica served {version} within {limit}: {string.Join(", ", _serving.Select(s => $"{s.Key} {s.Value.Version}"))}");
            }
        }
    }

    public IReadOnlyList<double> LastWorkingSetMb() => [.. _serving.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.WorkingSetMb)];

    public IReadOnlyList<double> LastManagedMb() => [.. _serving.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.ManagedMb)];

    public void Dispose() => _changed.Dispose();
}
