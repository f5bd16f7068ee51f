using System.Collections.Frozen;
using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// A query's distinct known terms with how often each occurs (a repeated word weighs more, as with
/// Lucene's bag-of-words queries), the first word that produced it, for explanations, and its
/// weight: 1, or less for a word the caller names as generic (<see cref="QueryWeighting"/>). Terms the
/// index has never seen cannot change a ranking, but they are counted: a query whose main word no
/// document holds is matched only in part, and <see cref="LexicalHit.Coverage"/> says so.
/// </summary>
internal sealed class QueryTerms(TermVocabulary vocabulary, QueryWeighting? weighting = null) : ITermSink
{
    private readonly List<QueryTerm> _terms = [];
    private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
    private double _unknownWeight;

    public IReadOnlyList<QueryTerm> Terms => _terms;

    /// <summary>The summed weight of the query's words no document contains (each counted once).</summary>
    public double UnknownWeight => _unknownWeight;

    public void Accept(scoped ReadOnlySpan<char> term, int words, scoped ReadOnlySpan<char> surface)
    {
        var weight = weighting?.WeightOf(surface) ?? 1f;
        if (weight <= 0f)
        {
            return; // a word the caller says carries nothing: neither scored nor counted
        }

        if (!vocabulary.TryGetId(term, out var id))
        {
            if (_unknown.Add(term.ToString()))
            {
                _unknownWeight += weight;
            }

            return;
        }

        for (var i = 0; i < _terms.Count; i++)
        {
            if (_terms[i].Id == id)
            {
                _terms[i] = _terms[i] with { Count = _terms[i].Count + 1 };
                return;
            }
        }

        _terms.Add(new QueryTerm(id, 1, surface.ToString(), weight));
    }

    internal readonly record struct QueryTerm(int Id, int Count, string Surface, float Weight);
}

/// <summary>
/// Words of a query that say what the asker wants rather than what it is about ("reduce",
/// "improve", "residents"), with the weight each keeps (0 drops a word). Without it such words, rare
/// in a small catalogue and so given a high idf, carry matches on their own: "reduce deaths" finding
/// road safety for a drug-deaths question. Matched on the word as typed (folded, not stemmed).
/// </summary>
public sealed class QueryWeighting(IReadOnlyDictionary<string, float> weights)
{
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>> _weights =
        weights.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public float WeightOf(ReadOnlySpan<char> word) => _weights.TryGetValue(word, out var weight) ? weight : 1f;
}
