using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recommend.Gateway.ApiReference;

/// <summary>
/// Completes the OpenAPI document for /docs: a description and a worked example for every
/// operation, and the answers the gateway's guard can give any of them (429; 413 for bodies). Kept
/// here rather than on each endpoint so the reference reads as one piece of writing.
/// </summary>
public sealed class OperationExamples : IOpenApiOperationTransformer
{
    private sealed record Example(string? Description, IReadOnlyDictionary<string, string> Parameters, string? RequestBody);

    private static readonly Dictionary<string, Example> Examples = new(StringComparer.Ordinal)
    {
        ["Recommend"] = new(null, new Dictionary<string, string>(),
            """{"challenge": "reduce loneliness among older residents in rural villages", "council": "CON", "priorities": ["adult_social_care"], "constraints": {"max_cost_band": 3}, "limit": 10}"""),
        ["GetPractice"] = new(
            "'id' is the practice's slug as listed by the browse endpoint or a recommendation (lower-case letters, digits and hyphens). Answers 404 when no practice has it.",
            new Dictionary<string, string> { ["id"] = "housing-first" },
            null),
        ["BrowsePractices"] = new(null, new Dictionary<string, string>
        {
            ["query"] = "loneliness", ["area"] = "adult_social_care", ["min_evidence"] = "2", ["max_cost"] = "3",
            ["country"] = "England", ["offset"] = "0", ["limit"] = "20",
        }, null),
        ["SearchCouncils"] = new(null, new Dictionary<string, string> { ["query"] = "corn", ["limit"] = "8" }, null),
        ["GetCouncil"] = new(null, new Dictionary<string, string> { ["code"] = "CON" }, null),
        ["SubmitPractice"] = new(
            "Needs the X-Api-Key header (401 without it, 403 with a wrong one). The body is a practice in the catalogue's schema (data/catalogue/practice.schema.json); the answer's status_url says when it is indexed or why it was rejected.",
            new Dictionary<string, string>(),
            """{"id": "warm-homes-befriending", "title": "Befriending calls for residents in cold homes", "summary": "Volunteers phone older residents living alone through the winter and link them to warm-home grants.", "description": "A council-run befriending service in which trained volunteers call older residents who live alone at least weekly from November to March. Callers check on heating, food and health, and refer people to warm-home grants, energy advice and the council's social prescribing team. Residents are found through adult social care records, GP practices and the council tax support list.", "source": "Example council", "source_url": "https://www.example.gov.uk/befriending", "source_url_kind": "specific", "practice_type": "service", "service_areas": ["adult_social_care", "public_health"], "outcomes": ["reduced_loneliness"], "evidence": {"level": 1, "effect_direction": "unknown"}, "cost": {"band": 1}, "audiences": ["commissioner", "manager"]}"""),
        ["GetIngestStatus"] = new(
            "Needs the X-Api-Key header. 'trackingId' is the tracking_id a submission answered with; the status is accepted, indexed or rejected (with the reason).",
            new Dictionary<string, string> { ["trackingId"] = "3f2b8c1e9a7d4e6f8b0c2d4e6f8a0b1c" },
            null),
        ["PostFeedback"] = new(
            "No key needed for useful, not_relevant or dismissed; 'adopted' needs the council's own X-Council-Key (400 without, 403 for another council). Limited per client. 'request_id' comes from a recommendation answer.",
            new Dictionary<string, string>(),
            """{"request_id": "v3afcef814753.9c1d2e3f", "practice_id": "housing-first", "signal": "useful", "council": "CON"}"""),
        ["ReportAdoption"] = new(null, new Dictionary<string, string> { ["code"] = "CON" },
            """{"practice_id": "housing-first", "status": "piloted", "started": "2024-09", "outcome": {"measure": "people sleeping rough on the autumn count", "before": 31, "after": 18, "period": "12 months", "better": "lower"}, "adaptations": "Run with two rural housing associations instead of one city landlord.", "notes": "Tenancies sustained for 11 of 14 people after a year."}"""),
        ["GetPracticeAdoptions"] = new(
            null,
            new Dictionary<string, string> { ["id"] = "housing-first" },
            null),
        ["GetSimilarCouncils"] = new(null, new Dictionary<string, string> { ["code"] = "CON", ["limit"] = "5" }, null),
        ["GetEvidenceGaps"] = new(null, new Dictionary<string, string> { ["area"] = "adult_social_care" }, null),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is { } id && Examples.TryGetValue(id, out var example))
        {
            if (string.IsNullOrEmpty(operation.Description) && example.Description is not null)
            {
                operation.Description = example.Description;
            }

            // Browse reads its query string by hand (to name bad values), so its parameters are declared here.
            operation.Parameters ??= [];
            foreach (var (name, value) in example.Parameters)
            {
                if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is { } declared)
                {
                    declared.Example = JsonValue.Create(value);
                }
                else
                {
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = name,
                        In = ParameterLocation.Query,
                        Required = false,
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                        Example = JsonValue.Create(value),
                    });
                }
            }

            if (example.RequestBody is not null && operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Example = JsonNode.Parse(example.RequestBody);
                }
            }
        }

        operation.Responses ??= [];
        operation.Responses.TryAdd("429", new OpenApiResponse
        {
            Description = "Too many requests from this client address (ProblemDetails); the Retry-After header says how many seconds to wait.",
        });
        if (operation.RequestBody is not null)
        {
            operation.Responses.TryAdd("413", new OpenApiResponse { Description = "The request body is over the gateway's size limit (ProblemDetails)." });
        }

        return Task.CompletedTask;
    }
}
