using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Recommend.Contracts.Councils.Api;
using Recommend.ServiceDefaults.Councils;
using Recommend.Gateway.Unavailable;

namespace Recommend.Gateway.Councils;

/// <summary>
/// Find a council, read its profile, and see the councils most like it: answered from the gateway's
/// own copy of the councils (read from Redis, where ingest writes them), so these answer while no
/// recommender does, and while Redis is down (the last list read keeps serving).
/// </summary>
public static class CouncilsApi
{
    public static IEndpointRouteBuilder MapCouncilsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/councils").WithTags("Councils");
        api.MapGet("/", SearchCouncils)
            .WithName("SearchCouncils")
            .WithSummary("Find councils by name or code")
            .WithDescription($"'query' is a few letters of a name ('corn'), words of it ('upon hull'), a mySociety code ('CON') or a GSS code, 1-{CouncilLookupRules.MaxQueryLength} characters; 'limit' is 1-{CouncilLookupRules.MaxLimit} (default {CouncilLookupRules.DefaultLimit}). Best match first.")
            .Produces<CouncilSearchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{code}", GetCouncil)
            .WithName("GetCouncil")
            .WithSummary("One council's profile: type, nation and region, population, rurality and deprivation")
            .WithDescription("'code' is a mySociety code (e.g. 'CON') or a GSS code (e.g. 'E06000052'). Data: mySociety, CC-BY-4.0.")
            .Produces<CouncilResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{code}/similar", GetSimilarCouncils)
            .WithName("GetSimilarCouncils")
            .WithSummary("The councils most like this one, nearest first, with what drives each distance")
            .WithDescription($"Nearest neighbours in the spirit of CIPFA's model (see 'method' in the answer and docs/similar-councils.md); 'limit' is 1-{CouncilLookupRules.MaxLimit} (default {CouncilLookupRules.DefaultLimit}).")
            .Produces<SimilarCouncilsResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static IResult SearchCouncils([FromQuery] string? query, [FromQuery] string? limit, CouncilRegistry registry)
    {
        var errors = CouncilLookupRules.Errors(("query", CouncilLookupRules.QueryError(query)), ("limit", CouncilLookupRules.LimitError(limit)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!registry.IsLoaded)
        {
            return NotLoaded();
        }

        var found = registry.Current.Directory.Search(query!, CouncilLookupRules.LimitOrDefault(limit));
        return TypedResults.Ok(new CouncilSearchResponse(query!.Trim(), found.Count, [.. found.Select(CouncilSummary.From)]));
    }

    public static IResult GetCouncil(string code, CouncilRegistry registry)
    {
        var errors = CouncilLookupRules.Errors(("code", CouncilLookupRules.CodeError(code)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!registry.IsLoaded)
        {
            return NotLoaded();
        }

        return registry.Current.Directory.Find(code) is { } council
            ? TypedResults.Ok(CouncilResponse.From(council))
            : CouncilNotFound(code);
    }

    public static IResult GetSimilarCouncils(string code, [FromQuery] string? limit, CouncilRegistry registry)
    {
        var errors = CouncilLookupRules.Errors(("code", CouncilLookupRules.CodeError(code)), ("limit", CouncilLookupRules.LimitError(limit)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!registry.IsLoaded)
        {
            return NotLoaded();
        }

        // One snapshot for both the lookup and the neighbours: a swap mid-request cannot mix two lists.
        var snapshot = registry.Current;
        if (snapshot.Directory.Find(code) is not { } council)
        {
            return CouncilNotFound(code);
        }

        var neighbours = snapshot.Similar.Nearest(council, CouncilLookupRules.LimitOrDefault(limit));
        return TypedResults.Ok(SimilarCouncilsResponse.From(council, neighbours));
    }

    private static IResult NotLoaded() => ServiceUnavailable.Problem(
        "Councils not loaded yet",
        "The gateway has not read the council list from Redis yet; try again in a few seconds.");

    private static ProblemHttpResult CouncilNotFound(string code) => TypedResults.Problem(
        title: "Council not found",
        detail: $"No council has the code '{code}'. Find a council's code (or GSS code) by name with GET /api/v1/councils?query=<name>.",
        statusCode: StatusCodes.Status404NotFound);
}
