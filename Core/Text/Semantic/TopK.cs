namespace Recommend.Core.Text.Semantic;

/// <summary>
/// The best k rows seen so far, kept in a min-heap whose root is the worst of them, so each
/// further row costs one comparison unless it enters; only the k survivors are ever sorted.
/// </summary>
internal sealed class TopK(int capacity, IReadOnlyList<string> ids)
{
    private readonly int[] _rows = new int[capacity];
    private readonly float[] _scores = new float[capacity];
    private int _count;

    public int Capacity => capacity;

    public void Offer(int row, float score)
    {
        if (_count < capacity)
        {
            _rows[_count] = row;
            _scores[_count] = score;
            SiftUp(_count++);
        }
        else if (IsBetter(score, row, _scores[0], _rows[0]))
        {
            _rows[0] = row;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    public DenseHit[] DrainBestFirst()
    {
        var hits = new DenseHit[_count];
        for (var i = _count - 1; i >= 0; i--)
        {
            hits[i] = new DenseHit(ids[_rows[0]], _scores[0]);
            _count--;
            Swap(0, _count);
            SiftDown(0);
        }

        return hits;
    }

    // Higher score wins; on a tie the ordinally larger id wins (trec_eval's order).
    private bool IsBetter(float score, int row, float otherScore, int otherRow) =>
        score > otherScore
        || (score == otherScore && string.CompareOrdinal(ids[row], ids[otherRow]) > 0);

    private bool IsWorse(int a, int b) => IsBetter(_scores[b], _rows[b], _scores[a], _rows[a]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!IsWorse(i, parent))
            {
                return;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < _count && IsWorse(left, worst))
            {
                worst = left;
            }

            if (right < _count && IsWorse(right, worst))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
