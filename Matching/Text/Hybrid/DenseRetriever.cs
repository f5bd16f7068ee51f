using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Text.Hybrid;

/// <summary>
/// The dense side as an <see cref="IRetriever"/>: embeds the query and takes the nearest documents
/// by cosine. Document numbers follow the order of <paramref name="ids"/> (the corpus order).
/// </summary>
public sealed class DenseRetriever(DenseIndex index, Func<string, float[]> embedQuery, IReadOnlyList<string> ids) : IRetriever
{
    private readonly Dictionary<string, int> _docById = ids.Select((id, doc) => (id, doc)).ToDictionary(p => p.id, p => p.doc, StringComparer.Ordinal);

    public int Count => index.Count;

    public IReadOnlyList<SearchHit> Search(string query, int k)
    {
        var hits = index.Search(embedQuery(query), k);
        var result = new SearchHit[hits.Count];
        for (var i = 0; i < hits.Count; i++)
        {
            result[i] = new SearchHit(_docById[hits[i].Id], hits[i].Score);
        }

        return result;
    }

    public string IdOf(int doc) => ids[doc];
}
