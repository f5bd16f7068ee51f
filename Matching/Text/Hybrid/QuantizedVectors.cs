using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Text.Hybrid;

/// <summary>
/// A read-only int8 copy of unit-length embeddings for fast candidate selection: one byte per
/// dimension with a scale per row, a quarter of the memory a float scan streams, which is what
/// bounds a brute-force scan at 100k documents. The best <c>oversample x k</c> rows by the int8
/// dot product are then rescored with the exact float vectors, so returned scores are exact cosines
/// and the ranking only differs from an exact scan if quantisation error pushes a true top-k row
/// out of several times k candidates.
/// </summary>
public sealed class QuantizedVectors
{
    private readonly DenseIndex _exact;

    // Rows, scales and ids as one published snapshot: a search reads one and never sees a row
    // counted before it was filled; appending swaps in a new snapshot (arrays shared while they fit).
    private volatile Rows _rows;

    /// <summary>
    /// Quantises the vectors of <paramref name="exact"/> in the order of <paramref name="ids"/>, so row
    /// i is document i; a null id, or one without a vector, is a row that is never returned. The
    /// float vectors stay in <paramref name="exact"/> (not copied) for rescoring, looked up by id.
    /// </summary>
    public QuantizedVectors(DenseIndex exact, IReadOnlyList<string?> ids)
    {
        _exact = exact;
        Dimensions = exact.Dimensions;
        var rows = new Rows(new string?[ids.Count], new sbyte[ids.Count * Dimensions], new float[ids.Count], 0);
        for (var row = 0; row < ids.Count; row++)
        {
            Fill(rows, row, ids[row]);
        }

        _rows = rows with { Count = ids.Count };
    }

    public int Dimensions { get; }

    public int Count => _rows.Count;

    /// <summary>
    /// Adds the next row (document number <see cref="Count"/>): one writer at a time, while searches
    /// run. Grows by an eighth when full, so a large index does not double for one added document.
    /// </summary>
    public void Append(string? id)
    {
        var rows = _rows;
        var row = rows.Count;
        if (row == rows.Scales.Length)
        {
            var capacity = row + Math.Max(16, row / 8);
            var grown = new Rows(new string?[capacity], new sbyte[capacity * Dimensions], new float[capacity], row);
            rows.Ids.AsSpan(0, row).CopyTo(grown.Ids);
            rows.Data.AsSpan(0, row * Dimensions).CopyTo(grown.Data);
            rows.Scales.AsSpan(0, row).CopyTo(grown.Scales);
            rows = grown;
        }

        Fill(rows, row, id);
        _rows = rows with { Count = row + 1 };
    }

    /// <summary>A row whose document was removed or replaced: never returned again.</summary>
    public void Clear(int row)
    {
        var rows = _rows;
        if ((uint)row < (uint)rows.Count)
        {
            rows.Scales[row] = float.NaN;
            rows.Ids[row] = null;
        }
    }

    /// <summary>The exact cosine of a row with the query (0 for a row without an embedding, or one added after this search began).</summary>
    public float ExactScore(ReadOnlySpan<float> query, int row)
    {
        var rows = _rows;
        return (uint)row < (uint)rows.Count && rows.Ids[row] is { } id && _exact.Contains(id) ? TensorPrimitives.Dot(query, _exact.GetVector(id)) : 0f;
    }

    /// <summary>Top <paramref name="k"/> rows by exact cosine among the best <paramref name="oversample"/> x k by int8 score.</summary>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k, int oversample = 4)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"Query has {query.Length} dimensions, expected {Dimensions}.", nameof(query));
        }

        var rows = _rows;
        if (k <= 0 || rows.Count == 0)
        {
            return [];
        }

        Span<sbyte> quantizedQuery = stackalloc sbyte[Dimensions];
        // The query's own scale multiplies every row alike, so it cannot change the shortlist.
        _ = Quantize(query, quantizedQuery);
        Span<short> wideQuery = stackalloc short[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            wideQuery[d] = quantizedQuery[d];
        }

        var shortlist = new TopK(Math.Min(rows.Count, k * Math.Max(1, oversample)));
        for (var row = 0; row < rows.Count; row++)
        {
            var scale = rows.Scales[row];
            if (float.IsNaN(scale))
            {
                continue;
            }

            shortlist.Add(row, scale * DotInt8(wideQuery, rows.Data.AsSpan(row * Dimensions, Dimensions)));
        }

        var exact = new TopK(Math.Min(k, shortlist.Count));
        foreach (var candidate in shortlist.ToArray())
        {
            exact.Add(candidate.Doc, ExactScore(query, candidate.Doc));
        }

        return exact.ToArray();
    }

    private void Fill(Rows rows, int row, string? id)
    {
        if (id is null || !_exact.Contains(id))
        {
            rows.Scales[row] = float.NaN;
            rows.Ids[row] = null;
            return;
        }

        rows.Scales[row] = Quantize(_exact.GetVector(id), rows.Data.AsSpan(row * Dimensions, Dimensions));
        rows.Ids[row] = id;
    }

    private sealed record Rows(string?[] Ids, sbyte[] Data, float[] Scales, int Count);

    // Symmetric per-vector scale: the largest magnitude maps to 127.
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        // MaxMagnitude returns the element (sign included), not its absolute value.
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        var scale = max > 0 ? max / 127f : 1f;
        for (var d = 0; d < vector.Length; d++)
        {
            into[d] = (sbyte)Math.Clamp(MathF.Round(vector[d] / scale), -127, 127);
        }

        return scale;
    }

    private static int DotInt8(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var d = 0;
        var sum = 0;
        if (Avx2.IsSupported && row.Length >= 16)
        {
            // vpmovsxbw widens 16 bytes of the row to shorts; vpmaddwd multiplies by the query's
            // shorts and adds neighbouring pairs into ints, 16 dimensions per instruction pair.
            var accumulator = Vector256<int>.Zero;
            ref var rowStart = ref MemoryMarshal.GetReference(row);
            ref var queryStart = ref MemoryMarshal.GetReference(query);
            for (; d <= row.Length - 16; d += 16)
            {
                var wideRow = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref Unsafe.Add(ref rowStart, d)));
                var wideQuery = Vector256.LoadUnsafe(ref Unsafe.Add(ref queryStart, d));
                accumulator = Avx2.Add(accumulator, Avx2.MultiplyAddAdjacent(wideRow, wideQuery));
            }

            sum = Vector256.Sum(accumulator);
        }

        for (; d < row.Length; d++)
        {
            sum += query[d] * row[d];
        }

        return sum;
    }
}
