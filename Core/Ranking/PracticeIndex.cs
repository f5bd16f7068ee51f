using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recommend.Core.Practices;
using System.Numerics.Tensors;
using Recommend.Core.Text;
using Recommend.Core.Text.Hybrid;
using Recommend.Core.Text.Lexical;
using Recommend.Core.Text.Semantic;

namespace Recommend.Core.Ranking;

/// <summary>
/// One self-contained index version: the practices, their BM25 index and their MiniLM vectors.
/// Built by ingest, stored in Redis as named parts, loaded whole by each recommender, so a version
/// can be rolled back or forward without rebuilding anything.
/// </summary>
public sealed class PracticeIndex
{
    /// <summary>Bump when the parts' layout or the text the vectors are made from changes: it changes every version id.</summary>
    public const int FormatVersion = 1;

    public const string MetaPart = "meta";
    public const string PracticesPart = "practices";
    public const string LexicalPart = "lexical";
    public const string DensePart = "dense";

    private readonly Dictionary<string, int> _positionById;
    private readonly LexicalIndex _lexical;
    private readonly DenseIndex? _dense;
    private readonly MiniLmEmbedder? _embedder;
    private readonly HybridRetriever? _hybrid;

    public PracticeIndex(string version, IReadOnlyList<Practice> practices, LexicalIndex lexical, DenseIndex? dense, MiniLmEmbedder? embedder)
    {
        Version = version;
        Practices = practices;
        _lexical = lexical;
        _dense = dense;
        _embedder = embedder;
        _positionById = practices.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        // Built once per index version: it quantises every vector, far too costly per query.
        _hybrid = dense is not null && embedder is not null ? new HybridRetriever(lexical, dense, embedder.Embed, TextTuning.Fusion) : null;
    }

    public string Version { get; }

    public IReadOnlyList<Practice> Practices { get; }

    /// <summary>True when semantic vectors and a query embedder are both present.</summary>
    public bool IsHybrid => _dense is not null && _embedder is not null;

    public bool TryGetPractice(string id, out Practice practice)
    {
        if (_positionById.TryGetValue(id, out var position))
        {
            practice = Practices[position];
            return true;
        }

        practice = null!;
        return false;
    }

    /// <summary>
    /// How alike two practices are (0..1), for diversity: the cosine of their MiniLM vectors, or
    /// without vectors the overlap of their service areas.
    /// </summary>
    public double Similarity(int a, int b)
    {
        var left = Practices[a];
        var right = Practices[b];
        if (_dense is not null)
        {
            return Math.Max(0, TensorPrimitives.Dot(_dense.GetVector(left.Id), _dense.GetVector(right.Id)));
        }

        var shared = left.ServiceAreas.Intersect(right.ServiceAreas, StringComparer.Ordinal).Count();
        return (double)shared / left.ServiceAreas.Union(right.ServiceAreas, StringComparer.Ordinal).Count();
    }

    /// <summary>The text a practice is matched on: title as its own field, the rest as the body.</summary>
    public static TextDocument ToDocument(Practice practice) => new(
        practice.Id,
        practice.Title,
        string.Join(' ', new[] { practice.Summary, practice.Description, practice.Mechanism, string.Join(' ', practice.Outcomes).Replace('_', ' ') }.Where(s => !string.IsNullOrWhiteSpace(s))));

    /// <summary>The text a practice is embedded from (MiniLM reads the first 256 word pieces).</summary>
    public static string ToSemanticText(Practice practice) => $"{practice.Title} {practice.Summary} {practice.Description}";

    /// <summary>
    /// Lexical and semantic candidates fused as the evaluation tuned them (<see cref="TextTuning"/>),
    /// each with what a person can read: the query words it matched and its cosine similarity.
    /// </summary>
    public IReadOnlyList<TextMatch> MatchText(string query, int k)
    {
        var lexicalHits = _lexical.SearchExplained(query, Math.Max(k, TextTuning.Fusion.Depth));
        var explained = lexicalHits.ToDictionary(h => h.Doc);
        float[]? vector = null;
        IReadOnlyList<SearchHit> fused;
        if (_hybrid is not null)
        {
            // The explained hits are the lexical side of the fusion: searching BM25 again would only repeat them.
            vector = _embedder!.Embed(query);
            fused = _hybrid.Fuse([.. lexicalHits.Select(h => new SearchHit(h.Doc, h.Score))], vector, k);
        }
        else
        {
            fused = [.. explained.Values.OrderByDescending(h => h.Score).Take(k).Select(h => new SearchHit(h.Doc, h.Score))];
        }

        var matches = new List<TextMatch>(fused.Count);
        foreach (var hit in fused)
        {
            var id = _lexical.IdOf(hit.Doc);
            if (!_positionById.TryGetValue(id, out var position) || hit.Score <= 0)
            {
                continue;
            }

            var lexical = explained.GetValueOrDefault(hit.Doc);
            double? similarity = vector is null ? null : TensorPrimitives.Dot(vector, _dense!.GetVector(id));
            matches.Add(new TextMatch(position, hit.Score, lexical?.Score ?? 0, similarity, lexical?.MatchedTerms ?? []));
        }

        return matches;
    }

    /// <summary>A content hash of the practices and the format: the same catalogue always gets the same version.</summary>
    public static string ComputeVersion(IEnumerable<Practice> practices)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"format={FormatVersion};model=all-MiniLM-L6-v2;{TextTuning.Describe()}\n"));
        foreach (var practice in practices.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(PracticeJson.Serialise(practice)));
            hash.AppendData("\n"u8);
        }

        return "v" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 6));
    }

    public Dictionary<string, byte[]> Serialise()
    {
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [MetaPart] = JsonSerializer.SerializeToUtf8Bytes(
                new IndexMeta(Version, FormatVersion, Practices.Count, DateTimeOffset.UtcNow, _dense is not null),
                IndexMetaJsonContext.Default.IndexMeta),
            [PracticesPart] = JsonSerializer.SerializeToUtf8Bytes(Practices.ToList(), PracticeJsonContext.Default.ListPractice),
            [LexicalPart] = Write(_lexical.Save),
        };
        if (_dense is not null)
        {
            parts[DensePart] = Write(_dense.Save);
        }

        return parts;
    }

    /// <summary>Rebuilds an index from its stored parts; a missing or damaged part is an <see cref="InvalidDataException"/>.</summary>
    public static PracticeIndex Deserialise(IReadOnlyDictionary<string, byte[]> parts, MiniLmEmbedder? embedder)
    {
        byte[] Part(string name) => parts.TryGetValue(name, out var bytes) ? bytes : throw new InvalidDataException($"Index part '{name}' is missing.");

        try
        {
            var meta = JsonSerializer.Deserialize(Part(MetaPart), IndexMetaJsonContext.Default.IndexMeta)
                ?? throw new InvalidDataException("Index metadata is empty.");
            if (meta.FormatVersion != FormatVersion)
            {
                throw new InvalidDataException($"Index {meta.Version} has format {meta.FormatVersion}; this build reads format {FormatVersion}.");
            }

            var practices = JsonSerializer.Deserialize(Part(PracticesPart), PracticeJsonContext.Default.ListPractice)
                ?? throw new InvalidDataException("Index practices are empty.");
            using var lexicalStream = new MemoryStream(Part(LexicalPart), writable: false);
            var lexical = LexicalIndex.Load(lexicalStream);
            DenseIndex? dense = null;
            if (parts.TryGetValue(DensePart, out var denseBytes))
            {
                using var denseStream = new MemoryStream(denseBytes, writable: false);
                dense = DenseIndex.Load(denseStream);
            }

            return new PracticeIndex(meta.Version, practices, lexical, dense, embedder);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Index part is not valid JSON: {ex.Message}", ex);
        }
    }

    private static byte[] Write(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}
