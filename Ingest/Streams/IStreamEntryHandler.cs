using StackExchange.Redis;

namespace Recommend.Ingest.Streams;

/// <summary>What a <see cref="GroupConsumer"/> does with the entries it reads.</summary>
public interface IStreamEntryHandler
{
    /// <summary>
    /// Handles a batch and says, per entry, null when done or why it failed (it will be retried,
    /// then dead-lettered). Writes that must happen exactly once per entry go on
    /// <paramref name="acknowledgement"/>, which runs atomically with the XACK of the entries that
    /// are done. Throw a Redis exception when the store failed: the whole batch is retried later
    /// without counting as an attempt.
    /// </summary>
    Task<IReadOnlyList<string?>> HandleAsync(IReadOnlyList<StreamEntry> entries, ITransaction acknowledgement, CancellationToken cancellationToken);

    /// <summary>Called once an entry has been moved to the dead-letter stream.</summary>
    Task OnDeadLetteredAsync(StreamEntry entry, string reason, IDatabase db);
}
