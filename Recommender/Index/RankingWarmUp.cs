using System.Text.Json;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking;
using Recommend.Recommender.Recommendations;
using Recommend.ServiceDefaults.Councils;

namespace Recommend.Recommender.Index;

/// <summary>
/// Ranks made-up requests on the first index a replica loads, before it serves, so the ranking path
/// is compiled before the first real request needs it (the recommender compiles each method once,
/// optimised: Recommender.csproj says why). The first load test after a start used to be the slow
/// one (62 against 119 uncached answers a second, docs/performance.md). Nothing is cached or stored.
/// </summary>
public sealed partial class RankingWarmUp(PracticeRanker ranker, QueryEmbedder embedder, CouncilResolver councils, CouncilRegistry registry, ILogger<RankingWarmUp> logger)
{
    // Every council kind and a batch of the size a burst of misses makes.
    private const int Rankings = 32;

    private static readonly string[] Challenges =
    [
        "reduce loneliness among older residents in rural villages",
        "cut the number of families in temporary accommodation",
        "improve school attendance for children with special educational needs",
        "get more young people into work or training",
        "reduce emergency hospital admissions for frail older people",
        "help tenants in cold damp private rented homes",
        "reduce reoffending among young adults leaving custody",
        "help small businesses on the high street survive",
    ];

    public async Task RunAsync(PracticeIndex index, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var listed = registry.Current.Directory.All;
        var requests = Enumerable.Range(0, Rankings).Select(i => NormalisedRequest.From(new RecommendationRequest
        {
            Challenge = $"{Challenges[i % Challenges.Length]} ({i})",
            Council = listed.Count > 0 ? listed[i * 7 % listed.Count].Code : null,
            Limit = 10,
        })).ToList();

        // All at once, as a burst of cache misses arrives, so the batched path is what gets compiled.
        var vectors = index.IsHybrid
            ? await Task.WhenAll(requests.Select(r => embedder.EmbedAsync(r.Challenge, cancellationToken)))
            : new float[]?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var council = councils.Resolve(requests[i]);
            var answer = ranker.Rank(index, requests[i] with { Council = council.Context?.Council.Code }, council.Context, questionVector: vectors[i]);
            _ = JsonSerializer.SerializeToUtf8Bytes(answer, RecommendationJsonContext.Default.RecommendationResponse);
        }

        var elapsed = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        LogWarmedUp(logger, Rankings, elapsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranked {Count} made-up requests before serving, in {Milliseconds:0} ms (compiling the ranking path)")]
    private static partial void LogWarmedUp(ILogger logger, int count, double milliseconds);
}
