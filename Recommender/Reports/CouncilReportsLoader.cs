using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking.Reported;
using Recommend.ServiceDefaults.Councils;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Recommender.Reports;

/// <summary>
/// Keeps <see cref="CouncilReports"/> on what councils reported: read at start, again when a report is
/// announced, and on a slow poll in case an announcement was missed (<see cref="RedisFollower"/>: its
/// backoff while Redis is down, the reports in memory serving meanwhile).
/// </summary>
public sealed partial class CouncilReportsLoader(
    IConnectionMultiplexer redis,
    AdoptionReportStore store,
    CouncilReports reports,
    CouncilRegistry councils,
    ILogger<CouncilReportsLoader> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new RedisFollower(redis, RedisChannel.Literal(StoreKeys.AdoptionReportsChannel), logger, "reading the councils' adoption reports")
            .RunAsync(async _ =>
            {
                var all = await store.ReadAllAsync();
                var directory = councils.IsLoaded ? councils.Current.Directory : null;
                var loaded = new ReportedAdoptions(all, code => directory?.Find(code)?.Name);
                reports.Swap(loaded, Generation(all));
                LogLoaded(logger, loaded.Practices);
                return true;
            }, PollInterval, PollInterval, stoppingToken);

    /// <summary>A short fingerprint of every report (practice, council, when reported): changes exactly when a report is written.</summary>
    private static string Generation(IReadOnlyDictionary<string, IReadOnlyList<Contracts.Councils.Adoptions.AdoptionReport>> all)
    {
        if (all.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var report in all.Values.SelectMany(r => r).OrderBy(r => r.PracticeId, StringComparer.Ordinal).ThenBy(r => r.Council, StringComparer.Ordinal))
        {
            text.Append(report.PracticeId).Append('|').Append(report.Council).Append('|').Append(report.ReportedAt.UtcTicks).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 6));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded the councils' adoption reports on {Practices} practices")]
    private static partial void LogLoaded(ILogger logger, int practices);
}
