using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Gateway.EvidenceGaps;

/// <summary>
/// The councils' adoptions the map shows, from every source the system has: the catalogue's own
/// adopters and "adopted" feedback (ingest's <see cref="StoreKeys.FeedbackAdoptions"/> hash, small,
/// read whole per request). This is the one place a new source joins: council-keyed adoptions with
/// outcomes from the learning loop become one more read here, as <see cref="ReportedAdoption"/> rows
/// with their outcome set. Feedback is best effort: while Redis does not answer, the map is drawn
/// from the catalogue's adopters and says so in its notes.
/// </summary>
public sealed partial class KnownAdoptions(IConnectionMultiplexer redis, ILogger<KnownAdoptions> logger)
{
    public async Task<(List<ReportedAdoption> Adoptions, List<string> Notes)> ReadAsync(IReadOnlyList<EvidencePractice> practices)
    {
        var adoptions = ReportedAdoption.FromCatalogue(practices).ToList();
        var notes = new List<string>();
        try
        {
            var fields = await redis.GetDatabase().HashGetAllAsync(StoreKeys.FeedbackAdoptions);
            adoptions.AddRange(ReportedAdoption.FromFeedback(fields.Select(f => KeyValuePair.Create((string)f.Name!, (long)f.Value))));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogFeedbackUnavailable(logger, ex.Message);
            notes.Add("Adoptions reported through feedback could not be read just now; only the catalogue's adopters are shown.");
        }

        return (adoptions, notes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence-gap map drawn without feedback adoptions: {Reason}")]
    private static partial void LogFeedbackUnavailable(ILogger logger, string reason);
}
