using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking.Versions;

/// <summary>
/// What one submission changed, as a delta on version <see cref="From"/> that makes version
/// <see cref="To"/>: the added or replaced practices, their lexical entries (analysed once, here)
/// and their MiniLM vectors. A few kilobytes per practice, against a whole version's megabytes;
/// replicas apply it to the index they serve (<see cref="PracticeIndex.WithSegment"/>), and
/// compaction folds a run of them into a new base. Applying the same segment twice changes nothing.
/// </summary>
public sealed record IndexSegment(string From, string To, IReadOnlyList<Practice> Practices, IReadOnlyList<LexicalEntry> Lexical, DenseIndex? Vectors)
{
    public const string MetaPart = "meta";
    public const string PracticesPart = "practices";
    public const string LexicalPart = "lexical";
    public const string DensePart = "dense";

    private static readonly TextAnalyzer Analyzer = new(TextTuning.Analyzer);

    /// <summary>The segment's id: one per pair of versions, so the same step from the same version is stored once.</summary>
    public string Id => IdFor(From, To);

    public static string IdFor(string from, string to) =>
        "s" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{from}>{to}")).AsSpan(0, 8));

    /// <summary>Analyses the practices and, when the versions carry vectors, embeds them (one MiniLM batch).</summary>
    public static IndexSegment Create(string from, string to, IReadOnlyList<Practice> practices, MiniLmEmbedder? embedder)
    {
        var lexical = practices.Select(p => LexicalEntry.Analyse(PracticeIndex.ToDocument(p), Analyzer)).ToList();
        DenseIndex? vectors = null;
        if (embedder is not null)
        {
            vectors = new DenseIndex(embedder.Dimensions);
            var embedded = PracticeEmbedding.EmbedBatch(embedder, practices);
            for (var i = 0; i < practices.Count; i++)
            {
                vectors.Add(practices[i].Id, embedded[i]);
            }
        }

        return new IndexSegment(from, to, practices, lexical, vectors);
    }

    public Dictionary<string, byte[]> Serialise()
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [MetaPart] = JsonSerializer.SerializeToUtf8Bytes(new SegmentMeta(From, To, Practices.Count), IndexMetaJsonContext.Default.SegmentMeta),
            [PracticesPart] = JsonSerializer.SerializeToUtf8Bytes(Practices.ToList(), PracticeJsonContext.Default.ListPractice),
            [LexicalPart] = Write(stream => LexicalEntry.WriteAll(stream, Lexical)),
        };
        if (Vectors is not null)
        {
            parts[DensePart] = Write(Vectors.Save);
        }

        return parts;
    }

    /// <summary>Reads a stored segment; a missing or damaged part is an <see cref="InvalidDataException"/>.</summary>
    public static IndexSegment Deserialise(IReadOnlyDictionary<string, byte[]> parts)
    {
        byte[] Part(string name) => parts.TryGetValue(name, out var bytes) ? bytes : throw new InvalidDataException($"Segment part '{name}' is missing.");

        try
        {
            var meta = JsonSerializer.Deserialize(Part(MetaPart), IndexMetaJsonContext.Default.SegmentMeta)
                ?? throw new InvalidDataException("Segment metadata is empty.");
            var practices = JsonSerializer.Deserialize(Part(PracticesPart), PracticeJsonContext.Default.ListPractice)
                ?? throw new InvalidDataException("Segment practices are empty.");
            using var lexicalStream = new MemoryStream(Part(LexicalPart), writable: false);
            var lexical = LexicalEntry.ReadAll(lexicalStream);
            DenseIndex? vectors = null;
            if (parts.TryGetValue(DensePart, out var dense))
            {
                using var denseStream = new MemoryStream(dense, writable: false);
                vectors = DenseIndex.Load(denseStream);
            }

            if (lexical.Count != practices.Count || (vectors is not null && vectors.Count != practices.Count))
            {
                throw new InvalidDataException($"Segment {meta.From} -> {meta.To} holds {practices.Count} practices but {lexical.Count} lexical entries and {vectors?.Count ?? 0} vectors.");
            }

            return new IndexSegment(meta.From, meta.To, practices, lexical, vectors);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Segment part is not valid JSON: {ex.Message}", ex);
        }
    }

    private static byte[] Write(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}

/// <summary>A segment's "meta" part.</summary>
public sealed record SegmentMeta(string From, string To, int Practices);
