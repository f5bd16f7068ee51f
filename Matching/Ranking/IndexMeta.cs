using System.Text.Json.Serialization;
using Recommend.Matching.Ranking.Versions;

namespace Recommend.Matching.Ranking;

/// <summary>
/// What an index version says about itself (the "meta" part). A base holds every part itself
/// (<see cref="Base"/> null); a delta version is this meta alone, naming the base it stands on and
/// the segments that, applied in order, make it (<see cref="IndexSegment"/>). <see cref="Digest"/>
/// (<see cref="CatalogueDigest"/>) lets the next delta compute its version id from the changes alone.
/// </summary>
public sealed record IndexMeta(
    string Version,
    int FormatVersion,
    int Practices,
    DateTimeOffset CreatedAt,
    bool HasSemanticVectors,
    string? Base = null,
    IReadOnlyList<SegmentRef>? Segments = null,
    string? Digest = null)
{
    [JsonIgnore]
    public bool IsDelta => Base is not null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IndexMeta))]
[JsonSerializable(typeof(SegmentMeta))]
public sealed partial class IndexMetaJsonContext : JsonSerializerContext;
