using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// Exact nearest neighbours by dot product over vectors kept in one contiguous row-major array.
/// With unit-length vectors (as <see cref="MiniLmEmbedder"/> gives) the score is the cosine.
/// A full scan is the right tool at catalogue scale: 100,000 x 384 floats is about 150 MB and a
/// scan of it takes milliseconds, with no recall lost to an approximate index.
/// Searches and lookups may run while one writer calls <see cref="Add"/> (an index version's delta
/// applied in place on a serving recommender): a new row is filled before it is counted or findable
/// by id, and a grown array holds every row of the old one before it replaces it. Adds from several
/// threads at once, and <see cref="Remove"/>, need exclusive access.
/// </summary>
public sealed class DenseIndex
{
    private const int FormatVersion = 1;

    private readonly ConcurrentDictionary<string, int> _rowById = new(StringComparer.Ordinal);
    private string[] _ids = [];
    private int _count;
    private float[] _vectors;

    public DenseIndex(int dimensions = 384)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _vectors = [];
    }

    public int Dimensions { get; }

    public int Count => Volatile.Read(ref _count);

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

        if (_rowById.TryGetValue(id, out var row))
        {
            vector.CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
            return;
        }

        row = _count;
        EnsureCapacity(row + 1);
        vector.CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
        _ids[row] = id;
        _rowById[id] = row;
        Volatile.Write(ref _count, row + 1);
    }

    /// <summary>Removes the vector; the last row moves into its place so storage stays contiguous.</summary>
    public bool Remove(string id)
    {
        if (!_rowById.TryRemove(id, out var row))
        {
            return false;
        }

        var last = _count - 1;
        if (row != last)
        {
            Row(last).CopyTo(_vectors.AsSpan(row * Dimensions, Dimensions));
            _ids[row] = _ids[last];
            _rowById[_ids[row]] = row;
        }

        _ids[last] = null!;
        Volatile.Write(ref _count, last);
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

        // The count first, then the arrays: arrays read after it hold at least that many rows.
        var count = Count;
        var vectors = Volatile.Read(ref _vectors);
        var ids = Volatile.Read(ref _ids);
        var top = new TopK(Math.Min(k, count));
        for (var row = 0; row < count; row++)
        {
            top.Add(row, TensorPrimitives.Dot(query, vectors.AsSpan(row * Dimensions, Dimensions)));
        }

        var best = top.ToArray();
        var hits = new DenseHit[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            hits[i] = new DenseHit(ids[best[i].Doc], best[i].Score);
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
        var count = Count;
        writer.Write(count);
        foreach (var id in _ids.AsSpan(0, count))
        {
            writer.Write(id);
        }

        var vectors = _vectors.AsSpan(0, count * Dimensions);
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
        index._ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadString();
            if (!index._rowById.TryAdd(id, i))
            {
                throw new InvalidDataException($"Dense index holds id '{id}' twice.");
            }

            index._ids[i] = id;
        }

        index._count = count;

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

    private ReadOnlySpan<float> Row(int row) => Volatile.Read(ref _vectors).AsSpan(row * Dimensions, Dimensions);

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
        if ((long)rows * Dimensions <= _vectors.Length && rows <= _ids.Length)
        {
            return;
        }

        // Copied whole before the swap, so a reader holding either array sees every counted row. Grows
        // by an eighth, not double: a loaded 100k index is exactly full, and its first added practice
        // must not cost another 150 MB.
        var capacity = Math.Max(rows, _count + Math.Max(16, _count / 8));
        var vectors = new float[checked(capacity * Dimensions)];
        _vectors.AsSpan(0, _count * Dimensions).CopyTo(vectors);
        var ids = new string[capacity];
        _ids.AsSpan(0, _count).CopyTo(ids);
        Volatile.Write(ref _vectors, vectors);
        Volatile.Write(ref _ids, ids);
    }
}
