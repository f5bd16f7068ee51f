using System.Text.Json;

namespace Recommend.Contracts.Councils;

/// <summary>
/// The one way a single council profile becomes bytes and back in Redis (<c>rec:councils</c>):
/// the same snake_case contract as the council files, but on one line, since ~400 of them are read
/// in one go by every recommender.
/// </summary>
public static class CouncilJson
{
    private static readonly CouncilJsonContext Compact = new(new JsonSerializerOptions(CouncilJsonContext.Default.Options) { WriteIndented = false });

    public static string Serialise(CouncilProfile council) =>
        JsonSerializer.Serialize(council, Compact.CouncilProfile);

    /// <summary>Throws <see cref="JsonException"/> for text that is not a council profile (unknown fields included).</summary>
    public static CouncilProfile Deserialise(string json) =>
        JsonSerializer.Deserialize(json, Compact.CouncilProfile) ?? throw new JsonException("null is not a council profile");
}
