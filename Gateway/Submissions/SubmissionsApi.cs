using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Gateway.Security;
using Recommend.ServiceDefaults.Http;
using StackExchange.Redis;
using Recommend.ServiceDefaults.Redis;

namespace Recommend.Gateway.Submissions;

/// <summary>
/// Councils submit practices: checked here against the catalogue's rules, queued on the ingest
/// stream, indexed by ingest within seconds. The submitter follows it by its tracking id.
/// </summary>
public static class SubmissionsApi
{
    /// <summary>A full practice record is a few kB; far more is not a practice.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapSubmissionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/practices", SubmitPracticeAsync)
            .WithTags("Practices")
            .WithName("SubmitPractice")
            .WithSummary("Submit a new or changed practice (X-Api-Key required)")
            .WithDescription("The body is a practice in the catalogue's schema (data/catalogue/practice.schema.json). Answers 202 with a tracking id; the practice is recommendable once its status says 'indexed'. Submitting an existing id replaces that practice.")
            .Accepts<Practice>("application/json")
            .Produces<SubmissionReceipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter<ApiKeyFilter>()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        app.MapGet("/api/v1/ingest/{trackingId}", GetStatusAsync)
            .WithTags("Practices")
            .WithName("GetIngestStatus")
            .WithSummary("Where a submitted practice stands: accepted, indexed or rejected (X-Api-Key required)")
            .Produces<IngestStatus>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddEndpointFilter<ApiKeyFilter>();
        return app;
    }

    public static async Task<IResult> SubmitPracticeAsync(HttpRequest httpRequest, IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(httpRequest, PracticeJsonContext.Default.Practice, cancellationToken);
        if (body.TooLarge)
        {
            return RequestBodyLimit.TooLarge(httpRequest.HttpContext);
        }

        if (body.Errors is not null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var practice = body.Value!;
        var errors = PracticeValidator.Validate(practice);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors
                .GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        var trackingId = Guid.NewGuid().ToString("N");
        var status = new IngestStatus
        {
            TrackingId = trackingId,
            PracticeId = practice.Id,
            Status = IngestStatus.Accepted,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        try
        {
            var db = redis.GetDatabase();

            // Status first: ingest may index the entry before a status written afterwards would land.
            await db.StringSetAsync(StoreKeys.IngestStatus(trackingId), JsonSerializer.Serialize(status, SubmissionJsonContext.Default.IngestStatus), StoreKeys.IngestStatusTimeToLive).Within();
            await db.StreamAddAsync(StoreKeys.IngestStream,
            [
                new NameValueEntry(IngestStreamFields.Practice, PracticeJson.Serialise(practice)),
                new NameValueEntry(IngestStreamFields.TrackingId, trackingId),
                new NameValueEntry(IngestStreamFields.Origin, "api"),
            ]).Within();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return StoreUnavailable.Problem();
        }

        var statusUrl = $"/api/v1/ingest/{trackingId}";
        return TypedResults.Accepted(statusUrl, new SubmissionReceipt(practice.Id, trackingId, statusUrl));
    }

    public static async Task<IResult> GetStatusAsync(string trackingId, IConnectionMultiplexer redis)
    {
        if (trackingId.Length != 32 || !trackingId.All(char.IsAsciiHexDigitLower))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["tracking_id"] = ["A tracking id is the 32 lowercase hex characters a submission's answer gave."],
            });
        }

        RedisValue stored;
        try
        {
            stored = await redis.GetDatabase().StringGetAsync(StoreKeys.IngestStatus(trackingId)).Within();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return StoreUnavailable.Problem();
        }

        if (stored.IsNullOrEmpty)
        {
            return TypedResults.Problem(
                title: "Unknown tracking id",
                detail: $"No submission with this tracking id (statuses are kept for {StoreKeys.IngestStatusTimeToLive.TotalDays:0} days).",
                statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Text((string)stored!, "application/json; charset=utf-8");
    }
}
