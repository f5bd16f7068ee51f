using Recommend.Contracts.Practices;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking;

/// <summary>
/// Builds an index version from practices: the ML.NET-featurised BM25 index and, when an embedder
/// is given, MiniLM vectors of every practice (<see cref="PracticeEmbedding"/>; the slow part: about 30 ms a text on 2 cores).
/// </summary>
public sealed class PracticeIndexBuilder(MiniLmEmbedder? embedder = null)
{
    public PracticeIndex Build(IReadOnlyList<Practice> practices, string version, CancellationToken cancellationToken = default) =>
        Build(practices, version, knownVector: null, embedded: null, cancellationToken);

    /// <param name="practices">The catalogue.</param>
    /// <param name="version">The version id the index carries.</param>
    /// <param name="cancellationToken">Checked between batches of embeddings.</param>
    /// <param name="knownVector">A vector already made for a practice whose text has not changed (from the version being replaced), or null to embed it.</param>
    /// <param name="embedded">Told how many practices each finished batch covered, for a progress bar.</param>
    public PracticeIndex Build(
        IReadOnlyList<Practice> practices,
        string version,
        Func<Practice, float[]?>? knownVector,
        Action<int>? embedded,
        CancellationToken cancellationToken = default)
    {
        var ordered = practices.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var lexical = BuildLexical(ordered);
        DenseIndex? dense = null;
        if (embedder is not null)
        {
            dense = new DenseIndex(embedder.Dimensions);
            foreach (var chunk in ordered.Chunk(64))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var known = chunk.Select(p => knownVector?.Invoke(p)).ToArray();
                var missing = chunk.Where((_, i) => known[i] is null).ToList();
                var vectors = missing.Count == 0 ? [] : PracticeEmbedding.EmbedBatch(embedder, missing);
                var next = 0;
                for (var i = 0; i < chunk.Length; i++)
                {
                    dense.Add(chunk[i].Id, known[i] ?? vectors[next++]);
                }

                embedded?.Invoke(chunk.Length);
            }
        }

        return new PracticeIndex(version, ordered, lexical, dense, embedder);
    }

    /// <summary>
    /// The BM25 half of Build, exactly as it builds it; public so a benchmark can pair
    /// a large catalogue's real lexical index with vectors made another way.
    /// </summary>
    public static LexicalIndex BuildLexical(IReadOnlyList<Practice> practices) =>
        LexicalIndex.Build(practices.Select(PracticeIndex.ToDocument).ToList(), TextTuning.Analyzer, TextTuning.Bm25);
}
