using System.Text.Json.Serialization;

namespace Recommend.Ingest.Tests.Import;

/// <summary>Source-generated JSON for writing test rows as JSON Lines.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class ImportTestJsonContext : JsonSerializerContext;
