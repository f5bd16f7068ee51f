using System.Text.Json;
using Recommend.Matching.Text;

namespace Recommend.Matching.Evaluation;

/// <summary>
/// Reads the BEIR layout: corpus.jsonl (<c>_id</c>, <c>title</c>, <c>text</c>), queries.jsonl
/// (<c>_id</c>, <c>text</c>) and a qrels TSV with the header <c>query-id corpus-id score</c>.
/// Any malformed line throws <see cref="DataFormatException"/> naming the file and line.
/// </summary>
public static class BeirReader
{
    public static List<TextDocument> ReadCorpus(string path)
    {
        var documents = new List<TextDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, root) in JsonLines(path))
        {
            var id = RequiredString(root, "_id", path, line);
            if (!seen.Add(id))
            {
                throw new DataFormatException(path, line, $"duplicate document id '{id}'");
            }

            documents.Add(new TextDocument(id, OptionalString(root, "title", path, line), RequiredString(root, "text", path, line, allowEmpty: true)));
        }

        return documents;
    }

    public static List<BeirQuery> ReadQueries(string path)
    {
        var queries = new List<BeirQuery>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, root) in JsonLines(path))
        {
            var id = RequiredString(root, "_id", path, line);
            if (!seen.Add(id))
            {
                throw new DataFormatException(path, line, $"duplicate query id '{id}'");
            }

            queries.Add(new BeirQuery(id, RequiredString(root, "text", path, line)));
        }

        return queries;
    }

    public static Qrels ReadQrels(string path)
    {
        var judgements = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (lineNumber == 1)
            {
                if (fields.Length != 3 || fields[0].Trim() != "query-id" || fields[1].Trim() != "corpus-id" || fields[2].Trim() != "score")
                {
                    throw new DataFormatException(path, lineNumber, "expected the header 'query-id<TAB>corpus-id<TAB>score'");
                }

                continue;
            }

            if (fields.Length != 3 || fields[0].Length == 0 || fields[1].Length == 0)
            {
                throw new DataFormatException(path, lineNumber, "expected three tab-separated fields: query-id, corpus-id, score");
            }

            if (!int.TryParse(fields[2].Trim(), out var score))
            {
                throw new DataFormatException(path, lineNumber, $"score '{fields[2]}' is not a whole number");
            }

            if (!judgements.TryGetValue(fields[0], out var judged))
            {
                judged = new Dictionary<string, int>(StringComparer.Ordinal);
                judgements.Add(fields[0], judged);
            }

            if (!judged.TryAdd(fields[1], score))
            {
                throw new DataFormatException(path, lineNumber, $"document '{fields[1]}' is judged twice for query '{fields[0]}'");
            }
        }

        if (lineNumber == 0)
        {
            throw new DataFormatException(path, 1, "the file is empty (expected a header line)");
        }

        return new Qrels(judgements.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal));
    }

    private static IEnumerable<(int Line, JsonElement Root)> JsonLines(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(path, lineNumber, $"not valid JSON ({ex.Message})");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new DataFormatException(path, lineNumber, "expected a JSON object");
                }

                yield return (lineNumber, document.RootElement);
            }
        }
    }

    private static string RequiredString(JsonElement root, string name, string path, int line, bool allowEmpty = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new DataFormatException(path, line, $"missing string field '{name}'");
        }

        var text = value.GetString()!;
        if (!allowEmpty && text.Length == 0)
        {
            throw new DataFormatException(path, line, $"field '{name}' is empty");
        }

        return text;
    }

    private static string OptionalString(JsonElement root, string name, string path, int line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DataFormatException(path, line, $"field '{name}' must be a string");
    }
}
