using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Recommend.Core.Councils.Api;

namespace Recommend.Recommender.Councils;

/// <summary>Finding councils, reading one, and its nearest neighbours: all from memory, so they answer while Redis is down.</summary>
public static class CouncilsApi
{
    public static IEndpointRouteBuilder MapCouncilsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/councils").WithTags("Councils");
        api.MapGet("/", SearchCouncils).WithName("SearchCouncils");
        api.MapGet("/{code}", GetCouncil).WithName("GetCouncil");
        api.MapGet("/{code}/similar", GetSimilarCouncils).WithName("GetSimilarCouncils");
        return app;
    }

    public static Results<Ok<CouncilSearchResponse>, ValidationProblem> SearchCouncils(
        [FromQuery] string? query,
        [FromQuery] string? limit,
        CouncilRegistry registry)
    {
        var errors = CouncilLookupRules.Errors(("query", CouncilLookupRules.QueryError(query)), ("limit", CouncilLookupRules.LimitError(limit)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var found = registry.Current.Directory.Search(query!, CouncilLookupRules.LimitOrDefault(limit));
        return TypedResults.Ok(new CouncilSearchResponse(query!.Trim(), found.Count, [.. found.Select(CouncilSummary.From)]));
    }

    public static Results<Ok<CouncilResponse>, ProblemHttpResult> GetCouncil(string code, CouncilRegistry registry) =>
        registry.Current.Directory.Find(code) is { } council
            ? TypedResults.Ok(CouncilResponse.From(council))
            : CouncilNotFound(code);

    public static Results<Ok<SimilarCouncilsResponse>, ValidationProblem, ProblemHttpResult> GetSimilarCouncils(
        string code,
        [FromQuery] string? limit,
        CouncilRegistry registry)
    {
        var errors = CouncilLookupRules.Errors(("limit", CouncilLookupRules.LimitError(limit)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
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

    private static ProblemHttpResult CouncilNotFound(string code) => TypedResults.Problem(
        title: "Council not found",
        detail: $"No council has the code '{(code.Length <= 20 ? code : code[..20] + "...")}'. Find a council's code (or GSS code) by name with GET /api/v1/councils?query=<name>.",
        statusCode: StatusCodes.Status404NotFound);
}
