using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Recommend.Gateway.Unavailable;

/// <summary>
/// The one place a recommender that does not answer becomes a 503 with Retry-After, for every
/// endpoint that calls it: no recommender answering the gateway's probes, refused or reset
/// connections, attempt and total timeouts of the resilience pipeline, and an open circuit. A client that hung up is not turned into a 503.
/// </summary>
public sealed partial class RecommenderUnavailableFilter(ILogger<RecommenderUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var aborted = context.HttpContext.RequestAborted;
        try
        {
            return await next(context);
        }
        catch (RecommenderDownException ex)
        {
            LogUnavailable(logger, "none answers", ex.Message);
            return Unavailable(null);
        }
        catch (BrokenCircuitException ex)
        {
            LogUnavailable(logger, "circuit open", ex.Message);
            return Unavailable(ex.RetryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException
            || (ex is OperationCanceledException && !aborted.IsCancellationRequested))
        {
            LogUnavailable(logger, ex.GetType().Name, ex.Message);
            return Unavailable(null);
        }
    }

    private static IResult Unavailable(TimeSpan? retryAfter) => ServiceUnavailable.Problem(
        "Recommender unavailable",
        "The ranking service did not answer; try again shortly.",
        retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recommender did not answer ({Kind}): {Reason}; answered 503")]
    private static partial void LogUnavailable(ILogger logger, string kind, string reason);
}
