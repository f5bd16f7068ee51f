using System.Text.Json.Serialization;

namespace Recommend.Contracts.Submissions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IngestStatus))]
[JsonSerializable(typeof(SubmissionReceipt))]
public sealed partial class SubmissionJsonContext : JsonSerializerContext;
