using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Gateway.Councils.Keys;
using Recommend.Gateway.Submissions;
using Recommend.Gateway.Security;
using Recommend.ServiceDefaults.Http;
using StackExchange.Redis;
using Recommend.ServiceDefaults.Redis;
using Recommend.ServiceDefaults.Councils.Keys;

namespace Recommend.Gateway.Feedback;

/// <summary>
/// Anyone shown a recommendation may say what they made of it: queued on the feedback stream,
/// stored by ingest for ranking and retraining, under a per-client rate limit. Anyone may say
/// useful, not relevant or dismissed; only a council, with its key (<c>X-Council-Key</c>), may say
/// it adopted a practice: anonymous claims made councils "adopters" of whatever anyone liked.
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
            .WithDescription($"'request_id' is from the recommendation response; 'signal' is useful, not_relevant, adopted or dismissed; 'council' (optional) is your council's code. 'adopted' needs your council's key in {CouncilKeyStore.HeaderName} (a key speaks only for its own council, which 'council' may then omit); with a key, feedback counts more in retraining than anonymous feedback.")
            .Accepts<FeedbackRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    public static async Task<IResult> PostFeedbackAsync(HttpRequest httpRequest, IConnectionMultiplexer redis, CouncilKeyStore keys, FeedbackClientHash clients, CancellationToken cancellationToken)
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

        var claimed = feedback.Council?.Trim().ToUpperInvariant();
        try
        {
            var key = await keys.CheckAsync(httpRequest.Headers[CouncilKeyStore.HeaderName].ToString()).Within();
            if (CouncilKeyProblems.NotUsable(key) is { } unusable)
            {
                return unusable;
            }

            var keyed = key.Verdict == CouncilKeyVerdict.Valid;
            if (keyed && claimed is not null && claimed != key.Council)
            {
                return CouncilKeyProblems.OtherCouncil(key.Council!, claimed);
            }

            if (!keyed && feedback.Signal == FeedbackSignal.Adopted)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["signal"] = [$"Only a council can say it adopted a practice: 'adopted' needs the council's key in the {CouncilKeyStore.HeaderName} header. Without a key, say useful, not_relevant or dismissed."],
                });
            }

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
                new NameValueEntry(FeedbackStreamFields.Council, keyed ? key.Council : claimed ?? ""),
                new NameValueEntry(FeedbackStreamFields.Keyed, keyed ? "1" : "0"),
                new NameValueEntry(FeedbackStreamFields.KeyId, keyed ? key.KeyId : ""),
                new NameValueEntry(FeedbackStreamFields.Client, await clients.OfAsync(httpRequest.HttpContext).Within()),
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
