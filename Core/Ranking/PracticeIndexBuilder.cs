using Recommend.Core.Practices;
using Recommend.Core.Text.Lexical;
using Recommend.Core.Text.Semantic;

namespace Recommend.Core.Ranking;

/// <summary>
/// Builds an index version from practices: the ML.NET-featurised BM25 index and, when an embedder
/// is given, MiniLM vectors of every practice (the slow part: about 30 ms a practice on 2 cores).
/// </summary>
public sealed class PracticeIndexBuilder(MiniLmEmbedder? embedder = null)
{
    public PracticeIndex Build(IReadOnlyList<Practice> practices, string version, CancellationToken cancellationToken = default)
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
                var vectors = embedder.EmbedBatch(chunk.Select(PracticeIndex.ToSemanticText).ToList());
                for (var i = 0; i < chunk.Length; i++)
                {
                    dense.Add(chunk[i].Id, vectors[i]);
                }
            }
        }

        return new PracticeIndex(version, ordered, lexical, dense, embedder);
    }

    /// <summary>
    /// The BM25 half of <see cref="Build"/>, exactly as it builds it; public so a benchmark can pair
    /// a large catalogue's real lexical index with vectors made another way.
    /// </summary>
    public static LexicalIndex BuildLexical(IReadOnlyList<Practice> practices) =>
        LexicalIndex.Build(practices.Select(PracticeIndex.ToDocument).ToList(), TextTuning.Analyzer, TextTuning.Bm25);
}
