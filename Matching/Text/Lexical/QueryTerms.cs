using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// A query's distinct known terms with how often each occurs (a repeated word weighs more, as with
/// Lucene's bag-of-words queries) and the first word that produced it, for explanations. Terms the
/// index has never seen are dropped: they cannot change a ranking.
/// </summary>
internal sealed class QueryTerms(TermVocabulary vocabulary) : ITermSink
{
    private readonly List<QueryTerm> _terms = [];

    public IReadOnlyList<QueryTerm> Terms => _terms;

    public void Accept(scoped ReadOnlySpan<char> term, int words, scoped ReadOnlySpan<char> surface)
    {
        if (!vocabulary.TryGetId(term, out var id))
        {
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

        _terms.Add(new QueryTerm(id, 1, surface.ToString()));
    }

    internal readonly record struct QueryTerm(int Id, int Count, string Surface);
}
