using System.Globalization;

namespace Recommend.Gateway.Unavailable;

/// <summary>
/// A 503 ProblemDetails with Retry-After: the one answer for "a dependency does not answer right now",
/// so clients (and the browser page) back off for a moment instead of hammering or giving up.
/// </summary>
public static class ServiceUnavailable
{
    /// <summary>Long enough for the circuit to half-open or a replica to come back; short enough to feel live.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    public static IResult Problem(string title, string detail, TimeSpan? retryAfter = null) =>
        new Result(title, detail, retryAfter ?? DefaultRetryAfter);

    /// <summary>Retry-After in whole seconds, at least 1 (0 would invite an immediate retry storm).</summary>
    public static string Seconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private sealed class Result(string title, string detail, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Seconds(retryAfter);
            return TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
        }
    }
}
