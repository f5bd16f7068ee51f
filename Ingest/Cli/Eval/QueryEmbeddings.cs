using System.Collections.Concurrent;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>
/// One MiniLM model for the process, and each query embedded once: tuning ranks the same queries
/// under dozens of fusion settings, and the model run is the expensive part.
/// </summary>
public static class QueryEmbeddings
{
    private static readonly Lazy<MiniLmEmbedder> Model = new(() => new MiniLmEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly ConcurrentDictionary<string, float[]> Memo = new(StringComparer.Ordinal);

    public static MiniLmEmbedder Embedder => Model.Value;

    public static float[] Embed(string query) => Memo.GetOrAdd(query, static q => Model.Value.EmbedQuestion(q));

    /// <summary>Embeds the queries in batches up front (much faster than one at a time).</summary>
    public static void Prefetch(IReadOnlyList<string> queries, TextWriter progress)
    {
        var missing = queries.Distinct(StringComparer.Ordinal).Where(q => !Memo.ContainsKey(q)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var vectors = Model.Value.EmbedQuestions(missing);
        for (var i = 0; i < missing.Length; i++)
        {
            Memo[missing[i]] = vectors[i];
        }

        progress.WriteLine($"embedded {missing.Length:N0} queries");
    }
}
