namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// The documents holding one term, in ascending document order, with the term's count in each
/// field. Struct-of-arrays so the scoring loop streams three flat arrays.
/// </summary>
internal sealed class PostingList
{
    private const int InitialCapacity = 4;

    public int[] Docs { get; private set; }

    public ushort[] TitleCounts { get; private set; }

    public ushort[] BodyCounts { get; private set; }

    public int Count { get; private set; }

    public PostingList(int capacity = InitialCapacity)
    {
        Docs = new int[capacity];
        TitleCounts = new ushort[capacity];
        BodyCounts = new ushort[capacity];
    }

    public PostingList(int[] docs, ushort[] titleCounts, ushort[] bodyCounts)
    {
        Docs = docs;
        TitleCounts = titleCounts;
        BodyCounts = bodyCounts;
        Count = docs.Length;
    }

    /// <summary>Appends a document; documents only ever arrive with a higher number than any before.</summary>
    public void Add(int doc, float titleCount, float bodyCount)
    {
        if (Count == Docs.Length)
        {
            var capacity = Math.Max(InitialCapacity, Docs.Length * 2);
            Docs = Grow(Docs, capacity);
            TitleCounts = Grow(TitleCounts, capacity);
            BodyCounts = Grow(BodyCounts, capacity);
        }

        Docs[Count] = doc;
        TitleCounts[Count] = Clamp(titleCount);
        BodyCounts[Count] = Clamp(bodyCount);
        Count++;
    }

    public int IndexOf(int doc) => Array.BinarySearch(Docs, 0, Count, doc);

    /// <summary>Drops postings of removed documents, keeping order.</summary>
    public void RemoveWhere(Func<int, bool> removed)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (removed(Docs[i]))
            {
                continue;
            }

            Docs[kept] = Docs[i];
            TitleCounts[kept] = TitleCounts[i];
            BodyCounts[kept] = BodyCounts[i];
            kept++;
        }

        Count = kept;
    }

    // A word repeated more than 65,535 times in one field is saturated by BM25 long before that.
    private static ushort Clamp(float count) => (ushort)Math.Clamp(count, 0, ushort.MaxValue);

    private static T[] Grow<T>(T[] array, int capacity)
    {
        Array.Resize(ref array, capacity);
        return array;
    }
}
