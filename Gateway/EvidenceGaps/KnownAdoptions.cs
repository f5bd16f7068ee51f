using Recommend.Contracts.EvidenceGaps;
using Recommend.ServiceDefaults.Councils.Adoptions;
using StackExchange.Redis;

namespace Recommend.Gateway.EvidenceGaps;

/// <summary>
/// The councils' adoptions the map shows, from every source the system has: the catalogue's own
/// adopters and what councils reported with their keys (<see cref="AdoptionReportStore"/>, small,
/// read whole per request), outcomes included. The reports are best effort: while Redis does not
/// answer, the map is drawn from the catalogue's adopters and says so in its notes.
/// </summary>
public sealed partial class KnownAdoptions(AdoptionReportStore reports, ILogger<KnownAdoptions> logger)
{
    public async Task<(List<ReportedAdoption> Adoptions, List<string> Notes)> ReadAsync(IReadOnlyList<EvidencePractice> practices)
    {
        var adoptions = ReportedAdoption.FromCatalogue(practices).ToList();
        var notes = new List<string>();
        try
        {
            adoptions.AddRange(ReportedAdoption.FromReports(await reports.ReadAllAsync()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFeedbackUnavailable(logger, ex.Message);
            notes.Add("The councils' own adoption reports could not be read just now; only the catalogue's adopters are shown.");
        }

        return (adoptions, notes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence-gap map drawn without the councils' adoption reports: {Reason}")]
    private static partial void LogFeedbackUnavailable(ILogger logger, string reason);
}
