using Recommend.Contracts.Practices;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking;

public sealed partial class PracticeIndex
{
    /// <summary>
    /// A new version made from this one with some practices added or replaced: the BM25 index and
    /// the vectors are copied and only the changed practices are analysed and embedded (one MiniLM
    /// call for the batch), instead of re-featurising and re-embedding the whole catalogue. This
    /// version is left untouched, so requests in flight on it are unaffected. A retrained version's
    /// model (reranker, frozen feedback, card) carries over, named by the same model suffix: a council
    /// submitting a practice must not silently undo a published model.
    /// </summary>
    public PracticeIndex WithUpserts(IReadOnlyList<Practice> upserts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        var byId = Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var practice in upserts)
        {
            byId[practice.Id] = practice;
        }

        // The builder's order (by id), so an incremental version lists practices as a full build of the same catalogue would.
        var practices = byId.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var version = ComputeVersion(practices) + ModelSuffix(Version);

        using var lexicalCopy = new MemoryStream();
        _lexical.Save(lexicalCopy);
        lexicalCopy.Position = 0;
        var lexical = LexicalIndex.Load(lexicalCopy);
        foreach (var practice in upserts)
        {
            // Add replaces a document with the same id.
            lexical.Add(ToDocument(practice));
        }

        DenseIndex? dense = null;
        if (_dense is not null)
        {
            var embedder = _embedder ?? throw new InvalidOperationException("An index with vectors needs its embedder to add practices.");
            using var denseCopy = new MemoryStream();
            _dense.Save(denseCopy);
            denseCopy.Position = 0;
            dense = DenseIndex.Load(denseCopy);
            cancellationToken.ThrowIfCancellationRequested();
            var vectors = embedder.EmbedBatch(upserts.Select(ToSemanticText).ToList());
            for (var i = 0; i < upserts.Count; i++)
            {
                dense.Add(upserts[i].Id, vectors[i]);
            }
        }

        return new PracticeIndex(version, practices, lexical, dense, _embedder, Reranker, Feedback, Card);
    }

    /// <summary>"-mHASH" of a retrained version's id ("CATALOGUE-mHASH"), empty for a plain one.</summary>
    private static string ModelSuffix(string version) =>
        version.LastIndexOf("-m", StringComparison.Ordinal) is var at and > 0 ? version[at..] : "";
}
