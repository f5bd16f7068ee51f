using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Recommend.Matching.Ranking;
using Recommend.Contracts.Recommendations;
using Recommend.Recommender.Admission;
using Recommend.Recommender.Caching;
using Recommend.Recommender.Feedback;
using Recommend.Recommender.Index;
using Recommend.Recommender.Reports;
using Recommend.ServiceDefaults.Http;

namespace Recommend.Recommender.Recommendations;

/// <summary>The recommender's internal API: rank practices for a request, from cache when possible.</summary>
public static class RecommendationsApi
{
    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/recommendations").WithTags("Recommendations");
        api.MapPost("/", RecommendAsync).WithName("Recommend");
        return app;
    }

    public static async Task<Results<Ok<RecommendationResponse>, ValidationProblem, ProblemHttpResult>> RecommendAsync(
        HttpRequest httpRequest,
        IndexHolder holder,
        PracticeRanker ranker,
        CouncilResolver councils,
        RankingCache cache,
        AnsweredRequests answered,
        CouncilReports reports,
        RecommenderTelemetry telemetry,
        RankingAdmission admission,
        QueryEmbedder embedder,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(httpRequest, RecommendationJsonContext.Default.RecommendationRequest, cancellationToken);
        if (body.Errors is not null)
        {
            return TypedResults.ValidationProblem(body.Errors);
        }

        var errors = RecommendationRequestValidator.Validate(body.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (holder.Current is not { } index)
        {
            return TypedResults.Problem(
                title: "No index loaded yet",
                detail: "The recommender is waiting for the ingest service to publish the catalogue; try again in a few seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var request = NormalisedRequest.From(body.Value!);
        var council = councils.Resolve(request);
        if (council.Error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["council"] = [council.Error] });
        }

        // The canonical code goes into the cache key: "con", "CON" and "E06000052" are one council.
        request = request with { Council = council.Context?.Council.Code };
        var requestHash = request.CacheKey;
        // The reports join the cache key (not the request_id): a council's new report shows in the next answer.
        var (reported, generation) = reports.Current;
        var cacheVersion = generation.Length == 0 ? index.Version : $"{index.Version}~{generation}";
        try
        {
            var response = await cache.GetOrComputeAsync(cacheVersion, requestHash, async token =>
            {
                using var activity = RecommenderTelemetry.Source.StartActivity("rank");
                activity?.SetTag("recommend.index_version", index.Version);

                // The challenge is embedded before the ranking turn, so the challenges of concurrent
                // misses wait together and go through MiniLM in one call (QueryEmbedder says why);
                // that wait is bounded by the admission's capacity too.
                float[]? vector = null;
                if (index.IsHybrid)
                {
                    admission.ThrowIfFull(embedder.Pending);
                    vector = await embedder.EmbedAsync(request.Challenge, token);
                }

                // Only a cache miss waits for a turn to rank (RankingAdmission says why).
                using var turn = await admission.EnterAsync(token);
                answered.Remember(request, requestHash);
                var stopwatch = Stopwatch.StartNew();
                var ranked = ranker.Rank(index, request, council.Context, reported, vector);
                telemetry.RecordRanking(stopwatch.Elapsed);
                answered.RememberShown(ranked);
                return ranked;
            }, cancellationToken);
            return TypedResults.Ok(response);
        }
        catch (RankingBusyException busy)
        {
            // The gateway's resilience handler tries another replica on a 503, then relays it with Retry-After.
            httpRequest.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "The recommender is busy",
                detail: "Every ranking slot and the queue are taken; try again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
