using System.Text;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using System.Numerics.Tensors;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Ranking.Versions;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking;

/// <summary>
/// One index version in memory: the practices, their BM25 index and their MiniLM vectors. Built by
/// ingest and stored in Redis as named parts (a base), or as a base plus delta segments, each
/// applied in place (<see cref="WithSegment"/>); either way a version can be rolled back or forward
/// without rebuilding anything.
/// </summary>
public sealed partial class PracticeIndex
{
    /// <summary>Bump when the parts' layout or the text the vectors are made from changes: it changes every version id.</summary>
    public const int FormatVersion = 1;

    public const string MetaPart = StoreKeys.IndexMetaField;
    public const string PracticesPart = "practices";
    public const string LexicalPart = "lexical";
    public const string DensePart = "dense";

    /// <summary>Optional: the learned reranker (an ML.NET model file) this version ranks with.</summary>
    public const string RerankerPart = "reranker";

    /// <summary>Optional: how much of the reranker's score is added to the weighted sum (invariant text).</summary>
    public const string RerankerBlendPart = "reranker_blend";

    /// <summary>
    /// Optional: what councils said, question by question (<see cref="FeedbackMemory"/>), frozen when the
    /// version was trained. Versions made before it carry per-practice counts under "feedback", which
    /// this build no longer reads (counts anyone could inflate).
    /// </summary>
    public const string FeedbackMemoryPart = "feedback_memory";

    /// <summary>Optional: how the version was made (<see cref="ModelCard"/>).</summary>
    public const string CardPart = "card";

    private readonly Dictionary<string, int> _positionById;
    private readonly LexicalIndex _lexical;
    private readonly DenseIndex? _dense;
    private readonly MiniLmEmbedder? _embedder;
    private readonly HybridRetriever? _hybrid;

    public PracticeIndex(
        string version,
        IReadOnlyList<Practice> practices,
        LexicalIndex lexical,
        DenseIndex? dense,
        MiniLmEmbedder? embedder,
        LearnedReranker? reranker = null,
        FeedbackMemory? feedback = null,
        ModelCard? card = null)
    {
        Version = version;
        Reranker = reranker;
        Feedback = feedback ?? FeedbackMemory.Empty;
        Card = card;
        Practices = practices;
        _lexical = lexical;
        _dense = dense;
        _embedder = embedder;
        _positionById = practices.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        // Built once per loaded base: it quantises every vector, far too costly per query; deltas update it in place.
        _hybrid = dense is not null && embedder is not null ? new HybridRetriever(lexical, dense, embedder.Embed, TextTuning.Fusion) : null;
    }

    // A delta applied in place: the text indexes are the previous version's, already updated.
    private PracticeIndex(
        string version,
        IReadOnlyList<Practice> practices,
        Dictionary<string, int> positionById,
        LexicalIndex lexical,
        DenseIndex? dense,
        MiniLmEmbedder? embedder,
        HybridRetriever? hybrid,
        LearnedReranker? reranker,
        FeedbackMemory feedback,
        ModelCard? card)
    {
        Version = version;
        Practices = practices;
        Reranker = reranker;
        Feedback = feedback;
        Card = card;
        _positionById = positionById;
        _lexical = lexical;
        _dense = dense;
        _embedder = embedder;
        _hybrid = hybrid;
    }

    public string Version { get; }

    public IReadOnlyList<Practice> Practices { get; }

    /// <summary>The learned reranker this version orders candidates with, when it was trained with one.</summary>
    public LearnedReranker? Reranker { get; }

    /// <summary>Feedback by question and practice, as frozen into this version (empty when trained without feedback).</summary>
    public FeedbackMemory Feedback { get; }

    public ModelCard? Card { get; }

    /// <summary>The semantic vectors, for reuse by a later build of the same practices.</summary>
    public DenseIndex? Dense => _dense;

    /// <summary>
    /// The same practices and text indexes under a new version id with a model attached: the
    /// retrained version shares everything the text pipeline built instead of building it twice.
    /// </summary>
    public PracticeIndex WithModel(string version, LearnedReranker? reranker, FeedbackMemory feedback, ModelCard card) =>
        new(version, Practices, _lexical, _dense, _embedder, reranker, feedback, card);

    /// <summary>The MiniLM vector of a question, as its text match uses it; null for a lexical-only index.</summary>
    public float[]? EmbedQuestion(string text) => _embedder is not null && _dense is not null ? _embedder.EmbedQuestion(text) : null;

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

    /// <summary>
    /// The text a practice is matched on: title as its own field, the rest as the body, with the
    /// problems it answers (in a council's words) beside the practice's own description of itself.
    /// </summary>
    public static TextDocument ToDocument(Practice practice) => new(
        practice.Id,
        practice.Title,
        string.Join(' ', new[] { practice.Summary, practice.Description, practice.Mechanism, string.Join(' ', practice.Outcomes).Replace('_', ' '), string.Join(' ', practice.Problems) }.Where(s => !string.IsNullOrWhiteSpace(s))));

    /// <summary>
    /// Lexical and semantic candidates fused as the evaluation tuned them (<see cref="TextTuning"/>),
    /// each with what a person can read: the query words it matched and its cosine similarity. The
    /// challenge's generic words ("reduce", "residents") weigh a quarter (<see cref="ChallengeWords"/>).
    /// </summary>
    public IReadOnlyList<TextMatch> MatchText(string query, int k) => MatchQuestion(query, k).Matches;

    /// <summary>
    /// As <see cref="MatchText"/>, also giving the question's MiniLM vector (null for a lexical-only index) for the feedback memory.
    /// <paramref name="questionVector"/> is the query's embedding when the caller already has it (the
    /// recommender embeds concurrent questions together, <see cref="EmbeddingBatcher"/>); without it the
    /// query is embedded here. Either way it is embedded once and that vector serves every side.
    /// </summary>
    public (IReadOnlyList<TextMatch> Matches, float[]? Vector) MatchQuestion(string query, int k, float[]? questionVector = null)
    {
        if (questionVector is not null && _dense is not null && questionVector.Length != _dense.Dimensions)
        {
            throw new ArgumentException($"The question vector has {questionVector.Length} dimensions; this index's have {_dense.Dimensions}.", nameof(questionVector));
        }

        var lexicalHits = _lexical.SearchExplained(query, Math.Max(k, TextTuning.Fusion.Depth), ChallengeWords.Weighting);
        var explained = lexicalHits.ToDictionary(h => h.Doc);
        float[]? vector = null;
        IReadOnlyList<SearchHit> fused;
        if (_hybrid is not null)
        {
            // The explained hits are the lexical side of the fusion: searching BM25 again would only repeat them.
            vector = questionVector ?? _embedder!.EmbedQuestion(query);
            fused = _hybrid.Fuse([.. lexicalHits.Select(h => new SearchHit(h.Doc, h.Score))], vector, k);
        }
        else
        {
            fused = [.. explained.Values.OrderByDescending(h => h.Score).Take(k).Select(h => new SearchHit(h.Doc, h.Score))];
        }

        var matches = new List<TextMatch>(fused.Count);
        foreach (var hit in fused)
        {
            // A document replaced by a delta applied since the search began has no id any more.
            var id = _lexical.TryIdOf(hit.Doc);
            if (id is null || !_positionById.TryGetValue(id, out var position) || hit.Score <= 0)
            {
                continue;
            }

            var lexical = explained.GetValueOrDefault(hit.Doc);
            double? similarity = vector is null ? null : TensorPrimitives.Dot(vector, _dense!.GetVector(id));
            matches.Add(new TextMatch(position, hit.Score, lexical?.Score ?? 0, similarity, lexical?.MatchedTerms ?? [], lexical?.Coverage ?? 0));
        }

        return (matches, vector);
    }

    /// <summary>A content hash of the practices and the format (<see cref="CatalogueDigest"/>): the same catalogue always gets the same version.</summary>
    public static string ComputeVersion(IEnumerable<Practice> practices) => CatalogueDigest.Of(practices).ToVersion();

    /// <summary>Every part of this version, stored whole; <paramref name="digest"/> (of <see cref="Practices"/>) goes into the meta when known.</summary>
    public Dictionary<string, byte[]> Serialise(CatalogueDigest? digest = null)
    {
        var meta = new IndexMeta(Version, FormatVersion, Practices.Count, DateTimeOffset.UtcNow, _dense is not null, Digest: digest?.ToString());
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [MetaPart] = JsonSerializer.SerializeToUtf8Bytes(meta, IndexMetaJsonContext.Default.IndexMeta),
            [PracticesPart] = JsonSerializer.SerializeToUtf8Bytes(Practices.ToList(), PracticeJsonContext.Default.ListPractice),
            [LexicalPart] = Write(_lexical.Save),
        };
        if (_dense is not null)
        {
            parts[DensePart] = Write(_dense.Save);
        }

        if (Reranker is not null)
        {
            parts[RerankerPart] = Reranker.Bytes;
            parts[RerankerBlendPart] = Encoding.UTF8.GetBytes(Reranker.Blend.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!Feedback.IsEmpty)
        {
            parts[FeedbackMemoryPart] = Feedback.Serialise();
        }

        if (Card is not null)
        {
            parts[CardPart] = JsonSerializer.SerializeToUtf8Bytes(Card, ModelCardJsonContext.Default.ModelCard);
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
            if (meta.IsDelta)
            {
                throw new InvalidDataException($"Index {meta.Version} is a delta on {meta.Base}: load it with VersionLoader.");
            }

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

            var reranker = parts.TryGetValue(RerankerPart, out var rerankerBytes) ? LearnedReranker.Load(rerankerBytes, ReadBlend(parts)) : null;
            var feedback = parts.TryGetValue(FeedbackMemoryPart, out var feedbackBytes) ? FeedbackMemory.Deserialise(feedbackBytes) : null;
            return new PracticeIndex(meta.Version, practices, lexical, dense, embedder, reranker, feedback, ReadCard(parts));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Index part is not valid JSON: {ex.Message}", ex);
        }
    }

    private static double ReadBlend(IReadOnlyDictionary<string, byte[]> parts) =>
        parts.TryGetValue(RerankerBlendPart, out var bytes)
        && double.TryParse(Encoding.UTF8.GetString(bytes), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var blend)
            ? blend
            : throw new InvalidDataException($"Index part '{RerankerBlendPart}' is missing or not a number.");

    /// <summary>The card alone, for listing versions without loading their indexes; null when the version has none.</summary>
    public static ModelCard? ReadCard(IReadOnlyDictionary<string, byte[]> parts) =>
        parts.TryGetValue(CardPart, out var bytes) ? JsonSerializer.Deserialize(bytes, ModelCardJsonContext.Default.ModelCard) : null;

    private static byte[] Write(Action<Stream> save)
    {
        using var stream = new MemoryStream();
        save(stream);
        return stream.ToArray();
    }
}
