using System.Runtime.InteropServices;
using System.Text;
using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// The versioned binary form: a magic number and a format version, the analyser and BM25 settings,
/// the document slots, the vocabulary and the posting lists as raw little-endian arrays (loading is
/// a few block copies, not parsing). Removed documents keep their slot so numbers survive a
/// round trip; their postings are not written.
/// </summary>
public sealed partial class LexicalIndex
{
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "RLXI"u8;

    public void Save(Stream stream)
    {
        EnsureLittleEndian();
        _lock.EnterReadLock();
        try
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);

            var options = Analyzer.Options;
            writer.Write(options.RemoveStopWords);
            writer.Write(options.Stem);
            writer.Write(options.NgramLength);
            writer.Write(_parameters.K1);
            writer.Write(_parameters.B);
            writer.Write(_parameters.TitleWeight);
            writer.Write(_parameters.BodyWeight);
            writer.Write(_parameters.PerFieldLength);

            writer.Write(_slots);
            for (var d = 0; d < _slots; d++)
            {
                var id = _ids[d];
                writer.Write(id is not null);
                if (id is not null)
                {
                    writer.Write(id);
                    writer.Write(_titleLength[d]);
                    writer.Write(_bodyLength[d]);
                }
            }

            writer.Write(_vocabulary.Count);
            var docs = new List<int>();
            var titleCounts = new List<ushort>();
            var bodyCounts = new List<ushort>();
            for (var term = 0; term < _vocabulary.Count; term++)
            {
                writer.Write(_vocabulary[term]);
                docs.Clear();
                titleCounts.Clear();
                bodyCounts.Clear();
                var postings = term < _postings.Count ? _postings[term] : new PostingList(0);
                for (var i = 0; i < postings.Count; i++)
                {
                    if (_ids[postings.Docs[i]] is not null)
                    {
                        docs.Add(postings.Docs[i]);
                        titleCounts.Add(postings.TitleCounts[i]);
                        bodyCounts.Add(postings.BodyCounts[i]);
                    }
                }

                writer.Write(docs.Count);
                writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(docs)));
                writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(titleCounts)));
                writer.Write(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(bodyCounts)));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> for anything else.</summary>
    public static LexicalIndex Load(Stream stream)
    {
        EnsureLittleEndian();
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            stream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
            {
                throw new InvalidDataException("Not a lexical index (bad magic number).");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Lexical index format {version} is not supported (this build reads {FormatVersion}); rebuild the index.");
            }

            var options = new AnalyzerOptions(reader.ReadBoolean(), reader.ReadBoolean(), reader.ReadInt32());
            var parameters = new Bm25Parameters(reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadBoolean());
            var index = new LexicalIndex(options, parameters);
            index.ReadBody(reader);
            return index;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Lexical index is truncated.", ex);
        }
    }

    private void ReadBody(BinaryReader reader)
    {
        var slots = reader.ReadInt32();
        var capacity = Math.Max(MinimumSlots, slots);
        _ids = new string?[capacity];
        _titleLength = new int[capacity];
        _bodyLength = new int[capacity];
        _docTerms = new int[capacity][];
        _slots = slots;
        for (var d = 0; d < slots; d++)
        {
            if (!reader.ReadBoolean())
            {
                _docTerms[d] = [];
                continue;
            }

            var id = reader.ReadString();
            _ids[d] = id;
            _docById.Add(id, d);
            _titleLength[d] = reader.ReadInt32();
            _bodyLength[d] = reader.ReadInt32();
            _titleLengthSum += _titleLength[d];
            _bodyLengthSum += _bodyLength[d];
            _live++;
        }

        var termCount = reader.ReadInt32();
        var perDoc = new int[slots];
        for (var term = 0; term < termCount; term++)
        {
            if (_vocabulary.GetOrAdd(reader.ReadString()) != term)
            {
                throw new InvalidDataException($"Duplicate term at position {term}.");
            }

            var count = reader.ReadInt32();
            var docs = new int[count];
            var titleCounts = new ushort[count];
            var bodyCounts = new ushort[count];
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(docs.AsSpan()));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(titleCounts.AsSpan()));
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(bodyCounts.AsSpan()));
            foreach (var doc in docs)
            {
                if ((uint)doc >= (uint)slots || _ids[doc] is null)
                {
                    throw new InvalidDataException($"Term {term} lists document {doc}, which is not a live document.");
                }

                perDoc[doc]++;
            }

            _postings.Add(new PostingList(docs, titleCounts, bodyCounts));
            _documentFrequency.Add(count);
        }

        // The forward lists (terms per document) are not stored: they follow from the postings.
        for (var d = 0; d < slots; d++)
        {
            _docTerms[d] = perDoc[d] == 0 ? [] : new int[perDoc[d]];
        }

        var filled = new int[slots];
        for (var term = 0; term < termCount; term++)
        {
            var postings = _postings[term];
            for (var i = 0; i < postings.Count; i++)
            {
                var doc = postings.Docs[i];
                _docTerms[doc][filled[doc]++] = term;
            }
        }

        _counter.EnsureCapacity(termCount);
        _normsStale = true;
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The lexical index file format is little-endian.");
        }
    }
}
