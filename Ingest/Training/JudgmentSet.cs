using System.Text.Json;
using System.Text.Json.Serialization;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Evaluation;

namespace Recommend.Ingest.Training;

/// <summary>
/// A researcher's relevance judgments: <c>queries.jsonl</c> (one request per line: id, challenge,
/// optional council, optional priorities, optional need) and <c>qrels.tsv</c> (query-id, practice-id, grade 0-3,
/// with a header line, as BEIR writes it). Each query is checked like an API request, so a
/// judgment set can never train on a request the service would refuse.
/// </summary>
public sealed record JudgmentSet(string Folder, IReadOnlyList<JudgedQuery> Queries, Qrels Qrels)
{
    public const string QueriesFile = "queries.jsonl";
    public const string QrelsFile = "qrels.tsv";

    /// <summary>Where the shipped set is copied beside the program.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "judgments");

    /// <summary>Reads both files; a bad line is a <see cref="DataFormatException"/> naming file and line.</summary>
    public static JudgmentSet Read(string folder)
    {
        var queriesPath = Path.Combine(folder, QueriesFile);
        var qrelsPath = Path.Combine(folder, QrelsFile);
        var queries = new List<JudgedQuery>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(queriesPath))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JudgedQuery? query;
            try
            {
                query = JsonSerializer.Deserialize(text, JudgmentJsonContext.Default.JudgedQuery);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(queriesPath, line, $"not a JSON object ({ex.Message})");
            }

            if (query is null || string.IsNullOrWhiteSpace(query.Id))
            {
                throw new DataFormatException(queriesPath, line, "needs an \"id\"");
            }

            var problems = RecommendationRequestValidator.Validate(query.ToRequest());
            if (problems.Count > 0)
            {
                throw new DataFormatException(queriesPath, line, string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")));
            }

            if (!ids.Add(query.Id))
            {
                throw new DataFormatException(queriesPath, line, $"duplicate query id '{query.Id}'");
            }

            queries.Add(query);
        }

        var qrels = BeirReader.ReadQrels(qrelsPath);
        var unknown = qrels.QueryIds.FirstOrDefault(id => !ids.Contains(id));
        if (unknown is not null)
        {
            throw new DataFormatException(qrelsPath, 0, $"query '{unknown}' is judged but not in {QueriesFile}");
        }

        return new JudgmentSet(folder, queries.Where(q => qrels.Judgements.ContainsKey(q.Id)).ToList(), qrels);
    }
}

/// <summary>One judged request, in the API's own field names.</summary>
public sealed record JudgedQuery
{
    public required string Id { get; init; }

    public string? Challenge { get; init; }

    public string? Council { get; init; }

    public List<PriorityRequest>? Priorities { get; init; }

    /// <summary>
    /// Optional: the need this wording expresses (several wordings of one need share it). The
    /// held-out split keeps a need's wordings together, so no wording of a held-out need is trained on.
    /// </summary>
    public string? Need { get; init; }

    /// <summary>The service area the query is reported under: its heaviest priority, or "none".</summary>
    [JsonIgnore]
    public string Area => Priorities is { Count: > 0 } p ? Contracts.Practices.ServiceArea.Normalise(p.MaxBy(x => x.Weight)!.Area) : "none";

    public RecommendationRequest ToRequest() => new() { Challenge = Challenge, Council = Council, Priorities = Priorities, Limit = 50, Diversity = 0 };

    /// <summary>The request as a user sends it: the API's defaults for everything the query does not say.</summary>
    public RecommendationRequest ToServedRequest(int limit) => new() { Challenge = Challenge, Council = Council, Priorities = Priorities, Limit = limit };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JudgedQuery))]
public sealed partial class JudgmentJsonContext : JsonSerializerContext;
