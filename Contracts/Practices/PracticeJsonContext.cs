using System.Text.Json.Serialization;

namespace Recommend.Contracts.Practices;

/// <summary>Source-generated JSON for practices, snake_case as in the catalogue files and Redis.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Practice))]
[JsonSerializable(typeof(List<Practice>))]
public sealed partial class PracticeJsonContext : JsonSerializerContext;
