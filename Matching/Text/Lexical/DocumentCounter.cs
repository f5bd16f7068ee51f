using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// Counts one document's terms per field into arrays indexed by term id, adding new terms to the
/// vocabulary. Reused for every add (under the index's write lock) so indexing allocates only
/// what it keeps.
/// </summary>
internal sealed class DocumentCounter(TermVocabulary vocabulary) : ITermSink
{
    private readonly List<int> _touched = [];

    public float[] TitleCounts { get; private set; } = new float[1024];

    public float[] BodyCounts { get; private set; } = new float[1024];

    public int TitleWords { get; private set; }

    public int BodyWords { get; private set; }

    public bool InTitle { get; set; }

    public void Reset()
    {
        foreach (var term in _touched)
        {
            TitleCounts[term] = 0;
            BodyCounts[term] = 0;
        }

        _touched.Clear();
        TitleWords = 0;
        BodyWords = 0;
    }

    public void Accept(scoped ReadOnlySpan<char> term, int words, scoped ReadOnlySpan<char> surface)
    {
        var id = vocabulary.GetOrAdd(term);
        EnsureCapacity(id + 1);
        Count(id, 1f);
        if (words == 1)
        {
            if (InTitle)
            {
                TitleWords++;
            }
            else
            {
                BodyWords++;
            }
        }
    }

    /// <summary>Takes a field's counts from a featurised bag (its length is carried separately).</summary>
    public void Load(SparseTermVector vector, bool inTitle)
    {
        InTitle = inTitle;
        for (var i = 0; i < vector.Terms.Length; i++)
        {
            Count(vector.Terms[i], vector.Counts[i]);
        }
    }

    /// <summary>Sets a term's counts in both fields at once (an entry analysed elsewhere).</summary>
    public void Put(int id, float titleCount, float bodyCount)
    {
        EnsureCapacity(id + 1);
        if (TitleCounts[id] == 0 && BodyCounts[id] == 0)
        {
            _touched.Add(id);
        }

        TitleCounts[id] = titleCount;
        BodyCounts[id] = bodyCount;
    }

    /// <summary>The distinct terms seen since the last reset, ascending; the array is kept by the index.</summary>
    public int[] SortedTerms()
    {
        var terms = _touched.ToArray();
        Array.Sort(terms);
        return terms;
    }

    public void EnsureCapacity(int terms)
    {
        if (terms > TitleCounts.Length)
        {
            var capacity = Math.Max(terms, TitleCounts.Length * 2);
            var title = TitleCounts;
            var body = BodyCounts;
            Array.Resize(ref title, capacity);
            Array.Resize(ref body, capacity);
            TitleCounts = title;
            BodyCounts = body;
        }
    }

    private void Count(int id, float count)
    {
        if (TitleCounts[id] == 0 && BodyCounts[id] == 0)
        {
            _touched.Add(id);
        }

        if (InTitle)
        {
            TitleCounts[id] += count;
        }
        else
        {
            BodyCounts[id] += count;
        }
    }
}
