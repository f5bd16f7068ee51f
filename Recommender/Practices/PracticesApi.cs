using Microsoft.AspNetCore.Http.HttpResults;
using Recommend.Contracts.Practices;
using Recommend.Recommender.Index;

namespace Recommend.Recommender.Practices;

/// <summary>Reading practices from the index in memory (works while Redis is down).</summary>
public static class PracticesApi
{
    public static IEndpointRouteBuilder MapPracticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/practices").WithTags("Practices");
        api.MapGet("/{id}", GetPractice).WithName("GetPractice");
        return app;
    }

    public static Results<Ok<Practice>, ProblemHttpResult> GetPractice(string id, IndexHolder holder)
    {
        if (holder.Current is not { } index)
        {
            return TypedResults.Problem(title: "No index loaded yet", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return index.TryGetPractice(id, out var practice)
            ? TypedResults.Ok(practice)
            : TypedResults.Problem(title: "Practice not found", detail: $"No practice has the id '{id}'.", statusCode: StatusCodes.Status404NotFound);
    }
}
