using System.Text.Json.Serialization;

namespace Recommend.Ingest.Import.Practices;

/// <summary>Source-generated JSON for mapping files; unknown keys are errors so a misspelt field is not ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ImportMapping))]
public sealed partial class ImportMappingJsonContext : JsonSerializerContext;
