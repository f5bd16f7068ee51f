using System.Globalization;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Councils.Audit;

/// <summary>What an audit entry records.</summary>
public static class CouncilAuditAction
{
    public const string KeyIssued = "key-issued";
    public const string KeyRevoked = "key-revoked";
    public const string AdoptionReported = "adoption-reported";
    public const string AdoptedFeedback = "adopted-feedback";
}

/// <summary>One thing done for or by a council: the action, the council, the key used (its id, never the key), who did it, and for reports the practice and status.</summary>
public sealed record CouncilAuditEntry(string Action, string Council, string KeyId, string Actor, string? PracticeId = null, string? Status = null);

/// <summary>
/// The audit stream (<see cref="StoreKeys.CouncilAudit"/>): who reported what, when. Append-only; read
/// it with <c>XRANGE rec:{feedback}:council-audit - +</c>. Never holds a key, only its id.
/// </summary>
public static class CouncilAuditLog
{
    public static Task WriteAsync(IDatabaseAsync db, CouncilAuditEntry entry, DateTimeOffset at) =>
        db.StreamAddAsync(StoreKeys.CouncilAudit, Fields(entry, at));

    public static NameValueEntry[] Fields(CouncilAuditEntry entry, DateTimeOffset at) =>
    [
        new("at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        new("action", entry.Action),
        new("council", entry.Council),
        new("key_id", entry.KeyId),
        new("actor", entry.Actor),
        new("practice_id", entry.PracticeId ?? ""),
        new("status", entry.Status ?? ""),
    ];
}
