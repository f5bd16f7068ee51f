using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Recommend.Contracts.Recommendations;

namespace Recommend.Gateway.Caching;

/// <summary>
/// The first cache level, in the gateway's memory: answers already ranked (and cached in Redis by
/// the recommender) are served without another hop. Keyed by index version + the request's
/// canonical hash, so a new index version is a clean miss. Stored bytes already say "cached": true.
/// </summary>
public sealed class ResponseCache(IMemoryCache memory, IndexVersionWatcher versions, IOptions<ResponseCacheOptions> options)
{
    /// <summary>What a cached answer is sent as, by the endpoint and by <see cref="RepeatedAnswerFastPath"/> alike.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    public byte[]? TryGet(string requestHash) =>
        versions.Current is { } version && memory.TryGetValue(Key(version, requestHash), out byte[]? body) ? body : null;

    /// <summary>Keeps a successful answer under the version it was ranked with.</summary>
    public void Store(string requestHash, byte[] body)
    {
        if (options.Value.TimeToLive <= TimeSpan.Zero || options.Value.MaxEntries == 0)
        {
            return;
        }

        // The recommender's bytes with "cached": false turned into true: no parse into objects and no
        // second serialisation (CachedAnswerBytes), so what is served is what the recommender wrote.
        if (CachedAnswerBytes.Mark(body) is not { } answer)
        {
            return;
        }

        memory.Set(Key(answer.IndexVersion, requestHash), answer.Cached, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = options.Value.TimeToLive,
            Size = 1,
        });
    }

    private static string Key(string version, string requestHash) => $"{version}:{requestHash}";
}
