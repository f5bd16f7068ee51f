using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Security;

/// <summary>
/// Refuses an over-size body with a 413 ProblemDetails. The limit is the gateway's
/// (Recommend:RequestBody:MaxBytes) or the endpoint's own RequestSizeLimit when that is smaller. A
/// declared Content-Length over it is refused before anything is read; a chunked body (no length) is
/// cut off by Kestrel at the same limit while the endpoint reads it, and the endpoint answers the same
/// 413 (<see cref="TooLarge(HttpContext)"/>). Never a 400, a 500 or a reset.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var maxBytes = LimitFor(context);
            if (context.Request.ContentLength > maxBytes)
            {
                // The body stays unread: closing after the answer keeps its bytes from being taken
                // for the next request, and tells the client not to reuse the connection.
                context.Response.Headers.Connection = "close";
                await TooLarge(maxBytes).ExecuteAsync(context);
                return;
            }

            // Set for every request, answered or refused: Kestrel drains a body the answer left unread
            // (a 429, a 401) up to this limit to keep the connection, and a declared length within it drains.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = maxBytes;
            }

            if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                // A chunked body of unknown length may run past the limit while Kestrel drains it after
                // an error answer; Kestrel then drops the connection the client was told to keep, and the
                // client's next request on it gets no answer. Saying "close" up front avoids that.
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode >= StatusCodes.Status400BadRequest)
                    {
                        context.Response.Headers.Connection = "close";
                    }

                    return Task.CompletedTask;
                });
            }

            await next(context);
        });

    /// <summary>The 413 for a body found too large while reading it (chunked, so no length was declared).</summary>
    public static ProblemHttpResult TooLarge(HttpContext context) =>
        TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? LimitFor(context));

    // TypedResults.Problem, not IProblemDetailsService.WriteAsync: the latter throws (a 500) when the
    // client's Accept header admits no JSON; this falls back to writing application/problem+json.
    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"This endpoint accepts request bodies of at most {maxBytes} bytes.");

    /// <summary>The gateway's limit, or the endpoint's RequestSizeLimit when it is stricter.</summary>
    private static long LimitFor(HttpContext context)
    {
        var gatewayLimit = context.RequestServices.GetRequiredService<IOptions<RequestBodyLimitOptions>>().Value.MaxBytes;
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        return endpointLimit is { } stricter && stricter < gatewayLimit ? stricter : gatewayLimit;
    }
}
