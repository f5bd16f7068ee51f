using Recommend.Gateway.Unavailable;

namespace Recommend.Gateway.Recommendations;

/// <summary>Status, content type, body and Retry-After of an upstream answer, ready to pass on.</summary>
public sealed record RelayedResponse(int StatusCode, string ContentType, byte[] Body, TimeSpan? RetryAfter = null)
{
    public static async Task<RelayedResponse> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString() ?? "application/json",
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            RetryAfterOf(response));

    /// <summary>
    /// The recommender's own answers pass unchanged, with their Retry-After. An "unavailable" answer
    /// (502, 503, 504) always carries Retry-After, and when it is not our ProblemDetails (a proxy in
    /// front of the replicas saying none is up) it becomes ours, so clients see one shape for it.
    /// </summary>
    public IResult ToResult()
    {
        if (StatusCode is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout)
        {
            return IsProblemDetails
                ? new RelayResult(this with { StatusCode = StatusCodes.Status503ServiceUnavailable, RetryAfter = RetryAfter ?? ServiceUnavailable.DefaultRetryAfter })
                : ServiceUnavailable.Problem("Recommender unavailable", "The ranking service is not ready; try again shortly.", RetryAfter);
        }

        return new RelayResult(this);
    }

    /// <summary>
    /// Said by a recommender, not by something in front of it: anything below 500, and our own
    /// ProblemDetails ("busy", "no index loaded yet"). A proxy's bare 502/503/504 is not.
    /// </summary>
    public bool IsFromARecommender => StatusCode < StatusCodes.Status500InternalServerError || IsProblemDetails;

    private bool IsProblemDetails => ContentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>Writes the upstream status, content type, Retry-After and body unchanged.</summary>
    private sealed class RelayResult(RelayedResponse relayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = relayed.StatusCode;
            httpContext.Response.ContentType = relayed.ContentType;
            if (relayed.RetryAfter is { } retryAfter)
            {
                httpContext.Response.Headers.RetryAfter = ServiceUnavailable.Seconds(retryAfter);
            }

            httpContext.Response.ContentLength = relayed.Body.Length;
            await httpContext.Response.Body.WriteAsync(relayed.Body, httpContext.RequestAborted);
        }
    }
}
