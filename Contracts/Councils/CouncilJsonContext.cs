using System.Text.Json.Serialization;

namespace Recommend.Contracts.Councils;

/// <summary>Source-generated JSON for council files, snake_case like the practice catalogue.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CouncilFile))]
[JsonSerializable(typeof(CouncilProfile))]
[JsonSerializable(typeof(List<CouncilProfile>))]
public sealed partial class CouncilJsonContext : JsonSerializerContext;
