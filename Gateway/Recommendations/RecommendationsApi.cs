using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Recommendations;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Unavailable;
using Recommend.Gateway.Security;
using Recommend.ServiceDefaults.Http;

namespace Recommend.Gateway.Recommendations;

/// <summary>The public recommendation endpoint: validate at the edge, then ask the recommender.</summary>
public static class RecommendationsApi
{
    /// <summary>Generous for a challenge of 4,000 characters; anything bigger is refused with a 413 (RequestBodyLimit).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The endpoint's name; <see cref="RepeatedAnswerFastPath"/> finds it by this to stand in for it.</summary>
    public const string EndpointName = "Recommend";

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/recommendations").WithTags("Recommendations");
        api.MapPost("/", RecommendAsync)
            .WithName(EndpointName)
            .WithSummary("Rank practices for a council's challenge")
            .WithDescription("Send at least 'challenge' (free text). Optional: 'council' (code or name), 'priorities' (service areas), 'limit' (1-50).")
            .Accepts<RecommendationRequest>("application/json")
            .Produces<RecommendationResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .AddEndpointFilter<RecommenderUnavailableFilter>();
        return app;
    }

    public static async Task<IResult> RecommendAsync(HttpRequest httpRequest, RecommenderClient recommender, ResponseCache cache, RepeatedRequests repeats, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(httpRequest, RecommendationJsonContext.Default.RecommendationRequest, cancellationToken);
        if (body.TooLarge)
        {
            return RequestBodyLimit.TooLarge(httpRequest.HttpContext);
        }

        if (body.Errors is not null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var errors = RecommendationRequestValidator.Validate(body.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var requestHash = NormalisedRequest.From(body.Value!).CacheKey;
        if (cache.TryGet(requestHash) is { } cached)
        {
            repeats.Remember(httpRequest.HttpContext, requestHash);
            return Results.Bytes(cached, ResponseCache.ContentType);
        }

        // A recommender that does not answer becomes a 503 in RecommenderUnavailableFilter.
        var relayed = await recommender.RecommendAsync(body.Value!, cancellationToken);
        if (relayed.StatusCode == StatusCodes.Status200OK)
        {
            cache.Store(requestHash, relayed.Body);
            repeats.Remember(httpRequest.HttpContext, requestHash);
        }

        return relayed.ToResult();
    }
}
