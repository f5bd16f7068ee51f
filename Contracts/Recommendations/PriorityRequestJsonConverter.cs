using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommend.Contracts.Recommendations;

/// <summary>
/// A priority is either a plain service-area name ("transport") or { "area": "transport", "weight": 2 }:
/// the short form for people typing JSON by hand, the long form for portals that weigh priorities.
/// </summary>
public sealed class PriorityRequestJsonConverter : JsonConverter<PriorityRequest>
{
    public override PriorityRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new PriorityRequest(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A priority is a service-area name or an object with 'area' and optional 'weight'.");
        }

        string? area = null;
        var weight = 1.0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "area" when reader.TokenType == JsonTokenType.String:
                    area = reader.GetString();
                    break;
                case "weight" when reader.TokenType == JsonTokenType.Number:
                    weight = reader.GetDouble();
                    break;
                default:
                    throw new JsonException($"Unexpected '{name}' in a priority: use 'area' (text) and 'weight' (number).");
            }
        }

        return area is null ? throw new JsonException("A priority object needs 'area'.") : new PriorityRequest(area, weight);
    }

    public override void Write(Utf8JsonWriter writer, PriorityRequest value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("area", value.Area);
        writer.WriteNumber("weight", value.Weight);
        writer.WriteEndObject();
    }
}
