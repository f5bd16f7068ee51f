using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// Exact nearest neighbours by dot product over vectors kept in one contiguous row-major array.
/// With unit-length vectors (as <see cref="MiniLmEmbedder"/> gives) the score is the cosine.
/// A full scan is the right tool at catalogue scale: 100,000 x 384 floats is about 150 MB and a
/// scan of it takes milliseconds, with no recall lost to an approximate index.
/// Searches may run concurrently; <see cref="Add"/> and <see cref="Remove"/> need exclusive access.
/// </summary>
public sealed class DenseIndex
{
    private const int FormatVersion = 1;

    private readonly Dictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private float[] _vectors;

    public DenseIndex(int dimensions = 384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _vectors = [];
    }

    public int Dimensions { get; }

    public int Count => _ids.Count;

    // "RDIX" read as a little-endian int; tells a wrong file apart from a damaged one.
    private static int Magic => BinaryPrimitives.ReadInt32LittleEndian("RDIX"u8);

    public bool Contains(string id) => _rowById.ContainsKey(id);

    public ReadOnlySpan<float> GetVector(string id) =>
        _rowById.TryGetValue(id, out var row)
            ? Row(row)
            : throw new KeyNotFoundException($"No vector with id '{id}'.");

    /// <summary>Adds the vector, or replaces it when the id is already present.</summary>
    public void Add(string id, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        CheckVector(vector, nameof(vector));

        if (!_rowById.TryGetValue(id, out var row))
        {
            row = _ids.Count;
            EnsureCapacity(row + 1);
            _ids.Add(id);
            _rowById[id] = row;
        }

        vector.CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
    }

    /// <summary>Removes the vector; the last row moves into its place so storage stays contiguous.</summary>
    public bool Remove(string id)
    {
        if (!_rowById.Remove(id, out var row))
        {
            return false;
        }

        var last = _ids.Count - 1;
        if (row != last)
        {
            Row(last).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
            _ids[row] = _ids[last];
            _rowById[_ids[row]] = row;
        }

        _ids.RemoveAt(last);
        return true;
    }

    /// <summary>
    /// The <paramref name="k"/> highest dot products, best first. Equal scores keep the order of
    /// <see cref="TopK"/>: the lower row (the vector added first) ranks first.
    /// </summary>
    public IReadOnlyList<DenseHit> Search(ReadOnlySpan<float> query, int k)
    {
        CheckVector(query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        var top = new TopK(Math.Min(k, Count));
        for (var row = 0; row < Count; row++)
        {
            top.Add(row, TensorPrimitives.Dot(query, Row(row)));
        }

        var best = top.ToArray();
        var hits = new DenseHit[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            hits[i] = new DenseHit(_ids[best[i].Doc], best[i].Score);
        }

        return hits;
    }

    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Dimensions);
        writer.Write(Count);
        foreach (var id in _ids)
        {
            writer.Write(id);
        }

        var vectors = _vectors.AsSpan(0, Count * Dimensions);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(vectors));
        }
        else
        {
            foreach (var value in vectors)
            {
                writer.Write(value);
            }
        }
    }

    public static DenseIndex Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not a dense index: the file does not start with RDIX.");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Dense index format version {version}; this build reads version {FormatVersion}.");
        }

        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions < 1 || count < 0)
        {
            throw new InvalidDataException($"Dense index header is damaged: {count} vectors of {dimensions} dimensions.");
        }

        var index = new DenseIndex(dimensions);
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            if (!index._rowById.TryAdd(id, i))
            {
                throw new InvalidDataException($"Dense index holds id '{id}' twice.");
            }

            index._ids.Add(id);
        }

        index._vectors = new float[(long)count * dimensions];
        var vectors = index._vectors.AsSpan();
        if (BitConverter.IsLittleEndian)
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(vectors));
        }
        else
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                vectors[i] = reader.ReadSingle();
            }
        }

        return index;
    }

    private ReadOnlySpan<float> Row(int row) => _vectors.AsSpan(row * Dimensions, Dimensions);

    private void CheckVector(ReadOnlySpan<float> vector, string name)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Expected {Dimensions} dimensions, got {vector.Length}.", name);
        }

        // A NaN would compare false both ways and corrupt the ranking silently.
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException("Vector holds NaN or infinity.", name);
            }
        }
    }

    private void EnsureCapacity(int rows)
    {
        if ((long)rows * Dimensions <= _vectors.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, Math.Max(16, _ids.Count * 2));
        Array.Resize(ref _vectors, checked(capacity * Dimensions));
    }
}
