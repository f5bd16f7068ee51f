using System.Text.Json;

namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// A JSON Lines file (one JSON object per line) read as <see cref="SourceRow"/>s. Values become text
/// the same way a CSV cell would hold them: numbers and booleans as written, null as blank, and an
/// array of scalars joined with "; " so a list of countries survives the trip.
/// </summary>
public static class JsonLinesTable
{
    public static IEnumerable<SourceRow> Rows(TextReader reader)
    {
        var lineNumber = 0;
        var row = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            row++;
            yield return ParseLine(text, row, lineNumber);
        }
    }

    private static SourceRow ParseLine(string text, int row, int line)
    {
        var empty = new Dictionary<string, string>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new SourceRow(row, line, empty, $"is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = AsText(property.Value);
            }

            return new SourceRow(row, line, values, null);
        }
        catch (JsonException ex)
        {
            return new SourceRow(row, line, empty, $"is not valid JSON ({ex.Message})");
        }
    }

    private static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(AsText).Where(s => s.Length > 0)),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };
}
