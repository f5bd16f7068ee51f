using System.Text.Json.Serialization;

namespace Recommend.Matching.Ranking;

/// <summary>What an index version says about itself (the "meta" part).</summary>
public sealed record IndexMeta(string Version, int FormatVersion, int Practices, DateTimeOffset CreatedAt, bool HasSemanticVectors);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IndexMeta))]
public sealed partial class IndexMetaJsonContext : JsonSerializerContext;
