using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Gateway.Feedback;

/// <summary>
/// A short salted hash of a client's address for the feedback log: retraining can cap what one client
/// says and tell one loud source from many agreeing ones, without the log ever holding an address.
/// The salt is random, made once and kept in Redis (<see cref="StoreKeys.FeedbackClientSalt"/>), so
/// every gateway replica, and a restarted one, hashes the same client the same way.
/// </summary>
public sealed class FeedbackClientHash(IConnectionMultiplexer redis)
{
    private volatile byte[]? _salt;

    public async Task<string> OfAsync(HttpContext context)
    {
        var salt = _salt ??= await SaltAsync();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var hash = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(address));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private async Task<byte[]> SaltAsync()
    {
        var db = redis.GetDatabase();
        // Whoever comes first sets it; everyone then reads the one that won.
        await db.StringSetAsync(StoreKeys.FeedbackClientSalt, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), when: When.NotExists);
        return Convert.FromBase64String((string)(await db.StringGetAsync(StoreKeys.FeedbackClientSalt))!);
    }
}
