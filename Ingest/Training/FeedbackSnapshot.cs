using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking.Learned;
using StackExchange.Redis;

namespace Recommend.Ingest.Training;

/// <summary>
/// Reads the feedback counts stored for each practice (<see cref="StoreKeys.FeedbackCounts"/>) in
/// pipelined batches, by practice id (no key scan). A practice without counts has none: absent is 0.
/// </summary>
public static class FeedbackSnapshot
{
    private const int BatchSize = 1000;

    public static async Task<Dictionary<string, FeedbackCounts>> ReadAsync(IDatabase db, IReadOnlyList<string> practiceIds, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, FeedbackCounts>(StringComparer.Ordinal);
        foreach (var chunk in practiceIds.Order(StringComparer.Ordinal).Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reads = chunk.Select(id => db.HashGetAllAsync(StoreKeys.FeedbackCounts(id))).ToArray();
            var entries = await Task.WhenAll(reads);
            for (var i = 0; i < chunk.Length; i++)
            {
                var byName = entries[i].ToDictionary(e => (string)e.Name!, e => (int)Math.Max(0, (long)e.Value), StringComparer.Ordinal);
                var feedback = new FeedbackCounts(
                    byName.GetValueOrDefault("useful"),
                    byName.GetValueOrDefault("not_relevant"),
                    byName.GetValueOrDefault("adopted"),
                    byName.GetValueOrDefault("dismissed"));
                if (!feedback.IsEmpty)
                {
                    counts[chunk[i]] = feedback;
                }
            }
        }

        return counts;
    }
}
