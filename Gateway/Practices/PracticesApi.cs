using Recommend.Contracts.Practices;
using Recommend.Gateway.Recommendations;
using Recommend.Gateway.Unavailable;

namespace Recommend.Gateway.Practices;

/// <summary>
/// Read one practice in full: from Redis, where ingest stores every practice it publishes, so this
/// answers while no recommender does; only while Redis itself is down does it ask a recommender
/// (which holds the practices of its index in memory).
/// </summary>
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
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter<RecommenderUnavailableFilter>();
        return app;
    }

    public static async Task<IResult> GetPracticeAsync(string id, PracticeStore store, RecommenderClient recommender, CancellationToken cancellationToken)
    {
        if (id.Length > PracticeValidator.MaxIdLength || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["id"] = ["A practice id is a lowercase slug of letters, digits and hyphens, e.g. 'housing-first'."],
            });
        }

        var stored = await store.FindAsync(id);
        return stored.Outcome switch
        {
            PracticeLookupOutcome.Found => Results.Bytes(stored.Json!, "application/json; charset=utf-8"),
            PracticeLookupOutcome.Missing => TypedResults.Problem(title: "Practice not found", detail: $"No practice has the id '{id}'.", statusCode: StatusCodes.Status404NotFound),
            _ => (await recommender.GetPracticeAsync(id, cancellationToken)).ToResult(),
        };
    }
}
