namespace Recommend.Matching.Text;

/// <summary>
/// Keeps the best <c>k</c> of a stream of scored documents in a bounded min-heap: O(n log k)
/// instead of sorting every candidate. The one tie-break of every retriever here: equal scores rank
/// the lower document number first, so results are deterministic whatever order candidates arrive
/// in. (Evaluation re-sorts a run into trec_eval's own order, see <c>TrecOrder</c>, before measuring.)
/// </summary>
public struct TopK
{
    private readonly SearchHit[] _heap;
    private int _count;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        _heap = new SearchHit[k];
    }

    public readonly int Count => _count;

    /// <summary>The weakest hit kept so far; a candidate must beat it once the heap is full.</summary>
    public readonly float Threshold => _count < _heap.Length ? float.NegativeInfinity : _heap[0].Score;

    public void Add(int doc, float score)
    {
        if (_heap.Length == 0)
        {
            return;
        }

        var hit = new SearchHit(doc, score);
        if (_count < _heap.Length)
        {
            _heap[_count] = hit;
            SiftUp(_count++);
        }
        else if (Better(hit, _heap[0]))
        {
            _heap[0] = hit;
            SiftDown(0);
        }
    }

    /// <summary>The kept hits, best first. Sorts only the k survivors.</summary>
    public readonly SearchHit[] ToArray()
    {
        var result = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(result, static (x, y) => Better(x, y) ? -1 : Better(y, x) ? 1 : 0);
        return result;
    }

    public static bool Better(SearchHit x, SearchHit y) => x.Score > y.Score || (x.Score == y.Score && x.Doc < y.Doc);

    private readonly void SiftUp(int i)
    {
        var item = _heap[i];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Better(_heap[parent], item))
            {
                break;
            }

            _heap[i] = _heap[parent];
            i = parent;
        }

        _heap[i] = item;
    }

    private readonly void SiftDown(int i)
    {
        var item = _heap[i];
        var half = _count >> 1;
        while (i < half)
        {
            var child = (2 * i) + 1;
            if (child + 1 < _count && Better(_heap[child], _heap[child + 1]))
            {
                child++;
            }

            if (!Better(item, _heap[child]))
            {
                break;
            }

            _heap[i] = _heap[child];
            i = child;
        }

        _heap[i] = item;
    }
}
