namespace Recommend.Matching.Text;

/// <summary>
/// The contract every ranking side implements (lexical, dense, hybrid), so evaluation, the
/// recommender and the benchmarks can swap one for another without knowing which it is.
/// </summary>
public interface IRetriever
{
    /// <summary>Number of documents that can be returned.</summary>
    int Count { get; }

    /// <summary>The top <paramref name="k"/> documents for the query, best first; ties keep a stable, documented order.</summary>
    IReadOnlyList<SearchHit> Search(string query, int k);

    /// <summary>The external id of a document number returned in a <see cref="SearchHit"/>.</summary>
    string IdOf(int doc);
}
