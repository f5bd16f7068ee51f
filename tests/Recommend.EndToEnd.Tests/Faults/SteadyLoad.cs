using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace Recommend.EndToEnd.Tests.Faults;

/// <summary>One request of a load run: when it started (from the run's start), how long it took, and how it ended.</summary>
public sealed record LoadSample(string Kind, TimeSpan StartedAt, TimeSpan Elapsed, int Status, string? Error)
{
    /// <summary>Failed as a user sees it: no answer at all, or a server error.</summary>
    public bool Failed => Status is 0 or >= 500;

    public override string ToString() => $"{Kind} at {StartedAt.TotalSeconds:0.00}s: {(Status == 0 ? Error : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} in {Elapsed.TotalMilliseconds:0} ms";
}

/// <summary>
/// A bounded closed-loop load: <c>clients</c> callers, each sending its next request as soon as the
/// last one answered, for a fixed time. The mix exercises every read path: uncached rankings (a fresh
/// challenge each time, so the recommender really ranks), a ranking the gateway has cached, a
/// practice, and council search, profile and neighbours.
/// </summary>
public sealed class SteadyLoad(HttpClient gateway, string practiceId)
{
    private readonly ConcurrentBag<LoadSample> _samples = [];
    private readonly Stopwatch _clock = new();

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyCollection<LoadSample> Samples => _samples;

    public Task RunAsync(int clients, TimeSpan duration, bool uncachedOnly = false)
    {
        _clock.Start();
        return Task.WhenAll(Enumerable.Range(0, clients).Select(client => ClientAsync(client, duration, uncachedOnly)));
    }

    private async Task ClientAsync(int client, TimeSpan duration, bool uncachedOnly)
    {
        for (var i = 0; _clock.Elapsed < duration; i++)
        {
            var kind = uncachedOnly ? 0 : i % 6;
            var started = _clock.Elapsed;
            try
            {
                using var response = kind switch
                {
                    0 or 1 => await gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"support carers of people with dementia at home {client}-{i}-{Guid.NewGuid():N}", limit = 3 }),
                    2 => await gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "reduce loneliness among older residents in rural villages", limit = 3 }),
                    3 => await gateway.GetAsync($"/api/v1/practices/{practiceId}"),
                    4 => await gateway.GetAsync("/api/v1/councils?query=corn&limit=3"),
                    _ => await gateway.GetAsync("/api/v1/councils/CON/similar?limit=3"),
                };
                await response.Content.ReadAsByteArrayAsync();
                _samples.Add(new LoadSample(KindName(kind), started, _clock.Elapsed - started, (int)response.StatusCode, null));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                _samples.Add(new LoadSample(KindName(kind), started, _clock.Elapsed - started, 0, ex.GetType().Name + ": " + ex.Message));
            }
        }
    }

    private static string KindName(int kind) => kind switch
    {
        0 or 1 => "uncached ranking",
        2 => "cached ranking",
        3 => "practice",
        4 => "council search",
        _ => "similar councils",
    };
}
