using System.Text.Json;

namespace Recommend.Contracts.Practices;

/// <summary>The one way practices become bytes and back (catalogue files, Redis, the API).</summary>
public static class PracticeJson
{
    public static string Serialise(Practice practice) =>
        JsonSerializer.Serialize(practice, PracticeJsonContext.Default.Practice);

    public static Practice? Deserialise(string json) =>
        JsonSerializer.Deserialize(json, PracticeJsonContext.Default.Practice);
}
