using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Security;

/// <summary>
/// The global (default) rate limit: one token bucket per client address, so one busy client
/// cannot starve the others (OWASP API4, unrestricted resource consumption). Endpoints may add
/// stricter named policies on top with RequireRateLimiting. Health probes are never limited.
/// </summary>
public static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                if (!limits.Enabled || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive"))
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                // Behind a reverse proxy this is the proxy's address unless that proxy is configured as
                // trusted (ForwardedClientAddress), when it is the client's address the proxy forwarded.
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter($"{client}|{limits.PermitsPerSecond}|{limits.BurstLimit}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.BurstLimit,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = WriteTooManyRequestsAsync;
        });
        return services;
    }

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        // TypedResults.Problem, not IProblemDetailsService.WriteAsync: the latter throws (a 500) when the
        // client's Accept header admits no JSON; this falls back to writing application/problem+json.
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: $"This client sent more requests than the gateway allows; try again in {retryAfter} s.").ExecuteAsync(context);
        // Refused before its body was read: the client may still be sending it.
        await LingeringClose.CompleteThenDrainBodyAsync(context);
    }
}
