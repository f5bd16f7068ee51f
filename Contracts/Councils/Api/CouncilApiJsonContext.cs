using System.Text.Json.Serialization;

namespace Recommend.Contracts.Councils.Api;

/// <summary>
/// Source-generated snake_case JSON for the council endpoints, shared by the recommender (which
/// writes it) and the gateway (which documents it). Nulls are written: null means "not published".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CouncilSearchResponse))]
[JsonSerializable(typeof(CouncilResponse))]
[JsonSerializable(typeof(SimilarCouncilsResponse))]
public sealed partial class CouncilApiJsonContext : JsonSerializerContext;
