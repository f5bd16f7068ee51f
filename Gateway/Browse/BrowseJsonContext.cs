using System.Text.Json.Serialization;

namespace Recommend.Gateway.Browse;

/// <summary>Source-generated snake_case JSON for the browse answer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BrowseResponse))]
public sealed partial class BrowseJsonContext : JsonSerializerContext;
