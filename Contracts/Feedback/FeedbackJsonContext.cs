using System.Text.Json.Serialization;

namespace Recommend.Contracts.Feedback;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(ShownPractices))]
public sealed partial class FeedbackJsonContext : JsonSerializerContext;
