using Microsoft.AspNetCore.Mvc;
using Recommend.Core.Councils.Api;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway.Councils;

/// <summary>
/// Find a council, read its profile, and see the councils most like it (relayed from the recommender's
/// councils in memory). Input is checked here, so nothing malformed reaches the recommender.
/// </summary>
public static class CouncilsApi
{
    public static IEndpointRouteBuilder MapCouncilsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/councils").WithTags("Councils");
        api.MapGet("/", SearchCouncilsAsync)
            .WithName("SearchCouncils")
            .WithSummary("Find councils by name or code")
            .WithDescription($"'query' is a few letters of a name ('corn'), words of it ('upon hull'), a mySociety code ('CON') or a GSS code, 1-{CouncilLookupRules.MaxQueryLength} characters; 'limit' is 1-{CouncilLookupRules.MaxLimit} (default {CouncilLookupRules.DefaultLimit}). Best match first.")
            .Produces<CouncilSearchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{code}", GetCouncilAsync)
            .WithName("GetCouncil")
            .WithSummary("One council's profile: type, nation and region, population, rurality and deprivation")
            .WithDescription("'code' is a mySociety code (e.g. 'CON') or a GSS code (e.g. 'E06000052'). Data: mySociety, CC-BY-4.0.")
            .Produces<CouncilResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{code}/similar", GetSimilarCouncilsAsync)
            .WithName("GetSimilarCouncils")
            .WithSummary("The councils most like this one, nearest first, with what drives each distance")
            .WithDescription($"Nearest neighbours in the spirit of CIPFA's model (see 'method' in the answer and docs/similar-councils.md); 'limit' is 1-{CouncilLookupRules.MaxLimit} (default {CouncilLookupRules.DefaultLimit}).")
            .Produces<SimilarCouncilsResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> SearchCouncilsAsync(
        [FromQuery] string? query,
        [FromQuery] string? limit,
        RecommenderClient recommender,
        CancellationToken cancellationToken)
    {
        var errors = CouncilLookupRules.Errors(("query", CouncilLookupRules.QueryError(query)), ("limit", CouncilLookupRules.LimitError(limit)));
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : await RelayAsync(() => recommender.SearchCouncilsAsync(query!.Trim(), CouncilLookupRules.LimitOrDefault(limit), cancellationToken), cancellationToken);
    }

    public static async Task<IResult> GetCouncilAsync(string code, RecommenderClient recommender, CancellationToken cancellationToken)
    {
        var errors = CouncilLookupRules.Errors(("code", CouncilLookupRules.CodeError(code)));
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : await RelayAsync(() => recommender.GetCouncilAsync(code, cancellationToken), cancellationToken);
    }

    public static async Task<IResult> GetSimilarCouncilsAsync(
        string code,
        [FromQuery] string? limit,
        RecommenderClient recommender,
        CancellationToken cancellationToken)
    {
        var errors = CouncilLookupRules.Errors(("code", CouncilLookupRules.CodeError(code)), ("limit", CouncilLookupRules.LimitError(limit)));
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : await RelayAsync(() => recommender.GetSimilarCouncilsAsync(code, CouncilLookupRules.LimitOrDefault(limit), cancellationToken), cancellationToken);
    }

    /// <summary>The recommender's answer as it is, or a 503 ProblemDetails when it does not answer.</summary>
    private static async Task<IResult> RelayAsync(Func<Task<RelayedResponse>> call, CancellationToken cancellationToken)
    {
        try
        {
            return (await call()).ToResult();
        }
        catch (HttpRequestException)
        {
            return RecommendationsApi.RecommenderUnavailable();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RecommendationsApi.RecommenderUnavailable();
        }
    }
}
