using System.Text.Json.Serialization;

namespace Recommend.Contracts.EvidenceGaps;

/// <summary>Source-generated snake_case JSON for the evidence-gap map; nulls are written (null means "not reported").</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EvidenceGapReport))]
public sealed partial class EvidenceGapJsonContext : JsonSerializerContext;
