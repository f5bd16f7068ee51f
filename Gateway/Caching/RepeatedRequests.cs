using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Caching;

/// <summary>
/// Request bodies the gateway has already validated and answered, byte for byte, each with its
/// request hash (<c>NormalisedRequest.CacheKey</c>). The hash is a pure function of the bytes (the
/// body is read, validated and normalised with no other input), so an entry never goes stale: a
/// repeat of the same bytes is the same request, and <see cref="RepeatedAnswerFastPath"/> can skip
/// parsing, validating and hashing it. Whether there is an answer for it is still
/// <see cref="ResponseCache"/>'s to say (current index version, time to live), exactly as on the
/// normal path.
/// </summary>
public sealed class RepeatedRequests(IOptions<ResponseCacheOptions> options)
{
    private readonly ConcurrentDictionary<byte[], string> _hashes = new(BodyComparer.Instance);
    private int _count;

    /// <summary>The request hash of a body answered before, looked up without copying the body.</summary>
    public bool TryGetHash(ReadOnlySpan<byte> body, [NotNullWhen(true)] out string? requestHash) =>
        _hashes.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(body, out requestHash);

    /// <summary>
    /// Records the body the fast path read for this request (<see cref="RepeatableBody"/>; none when
    /// the request was not one it could answer) under the hash the endpoint computed from it.
    /// </summary>
    public void Remember(HttpContext context, string requestHash)
    {
        var maxEntries = options.Value.MaxEntries;
        if (maxEntries == 0 || context.Features.Get<RepeatableBody>() is not { } body || !_hashes.TryAdd(body.Bytes, requestHash))
        {
            return;
        }

        // Bounded like the response cache. Emptied rather than evicted one by one: an entry is only a
        // shortcut, and a body that loses it is parsed once more on the normal path and remembered again.
        if (Interlocked.Increment(ref _count) > maxEntries)
        {
            _hashes.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
    }

    /// <summary>Compares bodies by content; the span form lets a request's bytes be looked up in place.</summary>
    private sealed class BodyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BodyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        // HashCode is seeded per process, so nobody can choose bodies that all collide.
        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}

/// <summary>The exact body of a request the fast path read and passed on, for the endpoint to remember.</summary>
public sealed record RepeatableBody(byte[] Bytes);
