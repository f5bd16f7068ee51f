using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Gateway.Submissions;
using Recommend.Gateway.Security;
using Recommend.ServiceDefaults.Http;
using StackExchange.Redis;
using Recommend.ServiceDefaults.Redis;

namespace Recommend.Gateway.Feedback;

/// <summary>
/// Anyone shown a recommendation may say what they made of it: queued on the feedback stream,
/// stored by ingest for ranking ("adopted by councils like yours") and retraining. No key, but a
/// per-client rate limit.
/// </summary>
public static class FeedbackApi
{
    public const string RateLimitPolicy = "feedback";
    private const long MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/feedback", PostFeedbackAsync)
            .WithTags("Feedback")
            .WithName("PostFeedback")
            .WithSummary("Say whether a recommended practice was useful, not relevant, adopted or dismissed")
            .WithDescription("'request_id' is from the recommendation response; 'signal' is useful, not_relevant, adopted or dismissed; 'council' (optional) is your council's code, which makes 'adopted' count for councils like yours.")
            .Accepts<FeedbackRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    public static async Task<IResult> PostFeedbackAsync(HttpRequest httpRequest, IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(httpRequest, FeedbackJsonContext.Default.FeedbackRequest, cancellationToken);
        if (body.TooLarge)
        {
            return RequestBodyLimit.TooLarge(httpRequest.HttpContext);
        }

        if (body.Errors is not null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var feedback = body.Value!;
        var errors = FeedbackValidator.Validate(feedback);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var db = redis.GetDatabase();
            if (!await db.SetContainsAsync(StoreKeys.PracticeIds, feedback.PracticeId).Within())
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["practice_id"] = [$"No practice '{feedback.PracticeId}' in the catalogue."],
                });
            }

            await db.StreamAddAsync(StoreKeys.FeedbackStream,
            [
                new NameValueEntry(FeedbackStreamFields.RequestId, feedback.RequestId),
                new NameValueEntry(FeedbackStreamFields.PracticeId, feedback.PracticeId),
                new NameValueEntry(FeedbackStreamFields.Signal, feedback.Signal),
                new NameValueEntry(FeedbackStreamFields.Council, feedback.Council?.Trim().ToUpperInvariant() ?? ""),
                new NameValueEntry(FeedbackStreamFields.ReceivedAt, DateTimeOffset.UtcNow.ToString("O")),
            ]).Within();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return StoreUnavailable.Problem();
        }

        return TypedResults.Accepted((string?)null);
    }
}
