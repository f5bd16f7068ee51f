using Microsoft.AspNetCore.Http.HttpResults;

namespace Recommend.Gateway.Browse;

/// <summary>Browse and search the catalogue: filters, paging and facet counts, from the gateway's own snapshot.</summary>
public static class BrowseApi
{
    public static IServiceCollection AddBrowseCatalogue(this IServiceCollection services) =>
        services.AddSingleton<CatalogueReader>();

    public static IEndpointRouteBuilder MapBrowseApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/practices").WithTags("Practices")
            .MapGet("/", BrowseAsync)
            .WithName("BrowsePractices")
            .WithSummary("Browse and search the catalogue")
            .WithDescription(
                "Lists practices page by page, filtered by any of: 'query' (words that must all appear; a title match ranks higher), " +
                "'area' (a service area), 'min_evidence' (1-5), 'max_cost' (cost band 1-5), 'country' (where the evidence comes from), 'ids' (practice ids separated by commas, at most 100: a cell of the evidence-gap map). " +
                "Practices whose evidence level or cost band is not rated are left out by those two filters. 'offset' and 'limit' (1-100, default 20) page " +
                "through the matches. The facets count matches per area, evidence level and cost band; each ignores its own filter, so it shows the alternatives.")
            .Produces<BrowseResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<JsonHttpResult<BrowseResponse>, ValidationProblem, ProblemHttpResult>> BrowseAsync(
        HttpRequest request, CatalogueReader catalogue, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var (query, errors) = BrowseQuery.Parse(q["query"], q["area"], q["min_evidence"], q["max_cost"], q["country"], q["offset"], q["limit"], q["ids"]);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await catalogue.GetAsync(cancellationToken) is not { } snapshot)
        {
            return TypedResults.Problem(
                title: "Catalogue unavailable",
                detail: "The catalogue store did not answer; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Json(snapshot.Browse(query), BrowseJsonContext.Default.BrowseResponse);
    }
}
