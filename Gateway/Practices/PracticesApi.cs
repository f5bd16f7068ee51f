using Recommend.Core.Practices;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway.Practices;

/// <summary>Read one practice in full (relayed from the recommender's index in memory).</summary>
public static class PracticesApi
{
    public static IEndpointRouteBuilder MapPracticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/practices").WithTags("Practices");
        api.MapGet("/{id}", GetPracticeAsync)
            .WithName("GetPractice")
            .WithSummary("One practice with its evidence, cost, context and adopters")
            .Produces<Practice>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> GetPracticeAsync(string id, RecommenderClient recommender, CancellationToken cancellationToken)
    {
        if (id.Length > PracticeValidator.MaxIdLength || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = ["A practice id is a lowercase slug of letters, digits and hyphens, e.g. 'housing-first'."],
            });
        }

        try
        {
            return (await recommender.GetPracticeAsync(id, cancellationToken)).ToResult();
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
