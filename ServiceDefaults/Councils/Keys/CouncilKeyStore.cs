using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Councils.Audit;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Councils.Keys;

/// <summary>
/// Per-council keys that an operator issues, lists and revokes (the CLI's <c>councils keys</c>), so
/// that only a council itself can say it adopted a practice or report what came of it. A key reads
/// <c>rck_{id}_{secret}</c>: the id finds the record in one hash lookup, the secret is compared by
/// its SHA-256 in constant time, so neither the response nor its timing says how close a guess was.
/// Only the hash is stored; the key is shown once when issued.
/// </summary>
public sealed class CouncilKeyStore(IConnectionMultiplexer redis)
{
    public const string HeaderName = "X-Council-Key";
    private const string KeyPrefix = "rck_";
    private const int IdBytes = 6;
    private const int SecretBytes = 24;

    /// <summary>Issues a new key for <paramref name="council"/> (upper-cased); returns its record and the key, which is never stored.</summary>
    public async Task<(CouncilKeyRecord Record, string Key)> IssueAsync(string council, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        while (true)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
            var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
            var record = new CouncilKeyRecord(id, council.ToUpperInvariant(), Hash(secret), now);
            if (await db.HashSetAsync(StoreKeys.CouncilKeys, id, Serialize(record), When.NotExists))
            {
                await CouncilAuditLog.WriteAsync(db, new CouncilAuditEntry(CouncilAuditAction.KeyIssued, record.Council, id, Actor: "operator"), now);
                return (record, $"{KeyPrefix}{id}_{secret}");
            }
        }
    }

    /// <summary>Every key's record (revoked ones included), oldest first; only <paramref name="council"/>'s when given.</summary>
    public async Task<IReadOnlyList<CouncilKeyRecord>> ListAsync(string? council = null)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(StoreKeys.CouncilKeys);
        return [.. entries.Select(e => Deserialize(e.Value))
            .Where(r => r is not null && (council is null || string.Equals(r.Council, council, StringComparison.OrdinalIgnoreCase)))
            .Select(r => r!)
            .OrderBy(r => r.IssuedAt)];
    }

    /// <summary>Revokes the key with this id; false when no such key exists. Revoking twice keeps the first time.</summary>
    public async Task<CouncilKeyRecord?> RevokeAsync(string id, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        if (Deserialize(await db.HashGetAsync(StoreKeys.CouncilKeys, id)) is not { } record)
        {
            return null;
        }

        if (!record.Revoked)
        {
            record = record with { RevokedAt = now };
            await db.HashSetAsync(StoreKeys.CouncilKeys, id, Serialize(record));
            await CouncilAuditLog.WriteAsync(db, new CouncilAuditEntry(CouncilAuditAction.KeyRevoked, record.Council, id, Actor: "operator"), now);
        }

        return record;
    }

    /// <summary>What the presented key is; <see cref="CouncilKeyCheck.Absent"/> when none was sent.</summary>
    public async Task<CouncilKeyCheck> CheckAsync(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return CouncilKeyCheck.Absent;
        }

        if (!TryParse(presented, out var id, out var secret))
        {
            return CouncilKeyCheck.NotAccepted;
        }

        var record = Deserialize(await redis.GetDatabase().HashGetAsync(StoreKeys.CouncilKeys, id));
        // Hash the secret whether or not the id exists, so an unknown id takes as long as a wrong secret.
        var sent = Convert.FromHexString(Hash(secret));
        var expected = record is null ? new byte[sent.Length] : Convert.FromHexString(record.SecretHash);
        if (record is null || !CryptographicOperations.FixedTimeEquals(sent, expected))
        {
            return CouncilKeyCheck.NotAccepted;
        }

        return record.Revoked ? new CouncilKeyCheck(CouncilKeyVerdict.Revoked, record.Council, id) : new CouncilKeyCheck(CouncilKeyVerdict.Valid, record.Council, id);
    }

    private static bool TryParse(string key, out string id, out string secret)
    {
        id = secret = "";
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || key.Length > 100)
        {
            return false;
        }

        var rest = key[KeyPrefix.Length..];
        var separator = rest.IndexOf('_');
        if (separator != IdBytes * 2 || !rest[..separator].All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        id = rest[..separator];
        secret = rest[(separator + 1)..];
        return secret.Length > 0;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Serialize(CouncilKeyRecord record) => JsonSerializer.Serialize(record, CouncilKeyJsonContext.Default.CouncilKeyRecord);

    private static CouncilKeyRecord? Deserialize(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((string)value!, CouncilKeyJsonContext.Default.CouncilKeyRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
