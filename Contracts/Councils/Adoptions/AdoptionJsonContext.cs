using System.Text.Json.Serialization;

namespace Recommend.Contracts.Councils.Adoptions;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AdoptionReportRequest))]
[JsonSerializable(typeof(AdoptionReport))]
[JsonSerializable(typeof(PracticeAdoptionsResponse))]
public sealed partial class AdoptionJsonContext : JsonSerializerContext;
