namespace Recommend.Matching.Text.Analysis;

/// <summary>Term text to dense id and back; grows as documents add new terms. Not thread-safe for writes.</summary>
public sealed class TermVocabulary
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanIds;
    private readonly List<string> _terms;

    public TermVocabulary(int capacity = 0)
    {
        _ids = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanIds = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _terms = new List<string>(capacity);
    }

    public int Count => _terms.Count;

    public string this[int id] => _terms[id];

    public bool TryGetId(ReadOnlySpan<char> term, out int id) => _spanIds.TryGetValue(term, out id);

    public int GetOrAdd(ReadOnlySpan<char> term)
    {
        if (_spanIds.TryGetValue(term, out var id))
        {
            return id;
        }

        var text = term.ToString();
        id = _terms.Count;
        _ids.Add(text, id);
        _terms.Add(text);
        return id;
    }
}
