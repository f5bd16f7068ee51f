using System.Buffers;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Recommend.Gateway.Recommendations;
using Recommend.Gateway.Security;

namespace Recommend.Gateway.Caching;

/// <summary>
/// Answers an exact repeat of a recommendation request already answered from the response cache,
/// early in the pipeline: before routing, CORS, the body limit, the rate-limit middleware, the
/// endpoint filter, reading the body as JSON, validating, normalising and hashing it. A cache hit
/// costs little more than writing its stored bytes (docs/performance.md, issue 18).
/// </summary>
/// <remarks>
/// The answer is the normal path's byte for byte: the same stored bytes from <see cref="ResponseCache"/>
/// (so the same index version and time to live), the same status and content type, and the security
/// headers, which are set by the middleware in front of this one. Anything unusual goes the normal
/// way, untouched (a body already read is replayed): another method, path or content type, a query
/// string, an Origin header (CORS decides), conditional or range headers, no declared length or a body
/// over <see cref="MaxBodyBytes"/> or the body limit, a body never answered before, no answer cached
/// for it now, or the client's rate limit saying no (the rate limiter then answers its 429). The rate
/// limit is the same global limiter the middleware uses, so a permitted repeat spends a permit as any
/// request does.
/// </remarks>
public sealed class RepeatedAnswerFastPath(
    RequestDelegate next,
    RepeatedRequests repeats,
    ResponseCache cache,
    IOptionsMonitor<RateLimitOptions> rateLimits,
    IOptions<RateLimiterOptions> rateLimiter,
    IOptions<RequestBodyLimitOptions> bodyLimit,
    EndpointDataSource endpoints,
    IMeterFactory meters)
{
    /// <summary>The path it answers (the endpoint's route without its trailing slash, which routing accepts too).</summary>
    public const string Path = "/api/v1/recommendations";

    /// <summary>Room for a long challenge; longer bodies are rare and take the normal path.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    public const string MeterName = "Recommend.Gateway";

    private readonly Counter<long> _answered = meters.Create(MeterName)
        .CreateCounter<long>("recommend.gateway.repeat_answers", unit: "{answer}", description: "Recommendation requests answered early as exact repeats of a cached answer");

    private Endpoint? _endpoint;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsCandidate(request, Math.Min(MaxBodyBytes, bodyLimit.Value.MaxBytes)))
        {
            await next(context);
            return;
        }

        var length = (int)request.ContentLength!.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            try
            {
                read = await request.Body.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, context.RequestAborted);
            }
            catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
            {
                // The client stopped sending: the endpoint reads what came and meets the same error.
                await PassOnAsync(context, buffer, read, ExceptionDispatchInfo.Capture(e), remember: false);
                return;
            }

            var body = buffer.AsSpan(0, read);
            if (read < length || !repeats.TryGetHash(body, out var requestHash) || cache.TryGet(requestHash) is not { } answer)
            {
                await PassOnAsync(context, buffer, read, failure: null, remember: read == length);
                return;
            }

            if (!Permitted(context))
            {
                await PassOnAsync(context, buffer, read, failure: null, remember: false);
                return;
            }

            await WriteAsync(context, answer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool IsCandidate(HttpRequest request, long maxBytes)
    {
        var headers = request.Headers;
        return HttpMethods.IsPost(request.Method)
            && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            && !request.QueryString.HasValue
            && request.ContentLength is > 0 and var length && length <= maxBytes
            && request.ContentType is { } contentType && contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !headers.ContainsKey(HeaderNames.Origin)
            && !headers.ContainsKey(HeaderNames.Range)
            && !headers.ContainsKey(HeaderNames.IfMatch)
            && !headers.ContainsKey(HeaderNames.IfNoneMatch)
            && !headers.ContainsKey(HeaderNames.IfModifiedSince)
            && !headers.ContainsKey(HeaderNames.IfUnmodifiedSince)
            && !headers.ContainsKey(HeaderNames.IfRange);
    }

    /// <summary>The client's token from the gateway's own global limiter, when the limit is on.</summary>
    private bool Permitted(HttpContext context)
    {
        if (!rateLimits.CurrentValue.Enabled || rateLimiter.Value.GlobalLimiter is not { } limiter)
        {
            return true;
        }

        using var lease = limiter.AttemptAcquire(context);
        return lease.IsAcquired;
    }

    /// <summary>The normal pipeline, given the body as if unread (and, when whole, kept for the endpoint to remember).</summary>
    private Task PassOnAsync(HttpContext context, byte[] buffer, int read, ExceptionDispatchInfo? failure, bool remember)
    {
        var bytes = buffer.AsSpan(0, read).ToArray();
        context.Request.Body = new ReplayedBodyStream(bytes, bytes.Length, failure);
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(new ReplayedBodySize());
        if (remember)
        {
            context.Features.Set(new RepeatableBody(bytes));
        }

        return next(context);
    }

    private async Task WriteAsync(HttpContext context, byte[] answer)
    {
        // The endpoint it stands in for, so the request's metrics and trace carry its route as before.
        context.SetEndpoint(_endpoint ??= endpoints.Endpoints.First(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == RecommendationsApi.EndpointName));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ResponseCache.ContentType;
        response.ContentLength = answer.Length;
        _answered.Add(1);
        await response.BodyWriter.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>
    /// The server's body-size limit is read-only once its body has been read, and routing (for the
    /// endpoint's RequestSizeLimit) and the body-limit middleware would log a warning on every request
    /// trying to set it. What they limit is already here, in memory and within every limit: this
    /// stand-in takes their settings and has nothing left to apply them to.
    /// </summary>
    private sealed class ReplayedBodySize : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; }
    }
}
