using System.Text.Json.Serialization;

namespace Recommend.ServiceDefaults.Councils.Keys;

/// <summary>
/// One issued council key as stored: which council it speaks for, the SHA-256 of its secret (hex),
/// and when it was issued and revoked. The key itself is shown once, when issued, and never stored.
/// </summary>
public sealed record CouncilKeyRecord(string Id, string Council, string SecretHash, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt = null)
{
    [JsonIgnore]
    public bool Revoked => RevokedAt is not null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CouncilKeyRecord))]
public sealed partial class CouncilKeyJsonContext : JsonSerializerContext;
