using System.Text.Json;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Councils.Audit;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Councils.Adoptions;

/// <summary>
/// Councils' reports on the practices they tried, one per council and practice (a new report from the
/// same council replaces its old one), each written together with its audit entry, then announced so
/// every recommender reloads them. Only written behind a council's key.
/// </summary>
public sealed class AdoptionReportStore(IConnectionMultiplexer redis)
{
    /// <summary>Stores <paramref name="report"/> (replacing the council's earlier one) with its audit entry, then announces it; true when it is the council's first report on the practice.</summary>
    public async Task<bool> SaveAsync(AdoptionReport report, string keyId)
    {
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        var created = transaction.HashSetAsync(StoreKeys.AdoptionReports(report.PracticeId), report.Council, Serialize(report));
        _ = transaction.SetAddAsync(StoreKeys.AdoptionReportPractices, report.PracticeId);
        _ = CouncilAuditLog.WriteAsync(transaction, new CouncilAuditEntry(CouncilAuditAction.AdoptionReported, report.Council, keyId, Actor: "council", report.PracticeId, report.Status), report.ReportedAt);
        await transaction.ExecuteAsync();
        await db.PublishAsync(RedisChannel.Literal(StoreKeys.AdoptionReportsChannel), report.PracticeId);
        return await created;
    }

    /// <summary>
    /// Queues on <paramref name="transaction"/> the report that keyed "adopted" feedback makes, unless the
    /// council already reported on the practice (its own report says more than a click). The caller
    /// announces on <see cref="StoreKeys.AdoptionReportsChannel"/> after executing.
    /// </summary>
    public static void QueueFeedbackAdoption(ITransaction transaction, AdoptionReport report, string keyId)
    {
        _ = transaction.HashSetAsync(StoreKeys.AdoptionReports(report.PracticeId), report.Council, Serialize(report), When.NotExists);
        _ = transaction.SetAddAsync(StoreKeys.AdoptionReportPractices, report.PracticeId);
        _ = CouncilAuditLog.WriteAsync(transaction, new CouncilAuditEntry(CouncilAuditAction.AdoptedFeedback, report.Council, keyId, Actor: "council", report.PracticeId, report.Status), report.ReportedAt);
    }

    /// <summary>Every report on one practice, newest first.</summary>
    public async Task<IReadOnlyList<AdoptionReport>> ListAsync(string practiceId)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(StoreKeys.AdoptionReports(practiceId));
        return [.. entries.Select(e => Deserialize(e.Value)).OfType<AdoptionReport>().OrderByDescending(r => r.ReportedAt)];
    }

    /// <summary>Every report, by practice: what a recommender holds in memory (small: a few reports per council).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AdoptionReport>>> ReadAllAsync()
    {
        var db = redis.GetDatabase();
        var practices = (await db.SetMembersAsync(StoreKeys.AdoptionReportPractices)).Select(p => (string)p!).ToArray();
        var reads = practices.Select(p => db.HashGetAllAsync(StoreKeys.AdoptionReports(p))).ToArray();
        await Task.WhenAll(reads);
        var byPractice = new Dictionary<string, IReadOnlyList<AdoptionReport>>(StringComparer.Ordinal);
        for (var i = 0; i < practices.Length; i++)
        {
            var reports = reads[i].Result.Select(e => Deserialize(e.Value)).OfType<AdoptionReport>().OrderByDescending(r => r.ReportedAt).ToList();
            if (reports.Count > 0)
            {
                byPractice[practices[i]] = reports;
            }
        }

        return byPractice;
    }

    private static string Serialize(AdoptionReport report) => JsonSerializer.Serialize(report, AdoptionJsonContext.Default.AdoptionReport);

    private static AdoptionReport? Deserialize(RedisValue value)
    {
        try
        {
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, AdoptionJsonContext.Default.AdoptionReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
