using System.Text.Json.Serialization;

namespace Recommend.Contracts.Recommendations;

/// <summary>Source-generated snake_case JSON for the recommendation API, shared by gateway and recommender.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RecommendationRequest))]
[JsonSerializable(typeof(RecommendationResponse))]
public sealed partial class RecommendationJsonContext : JsonSerializerContext;
