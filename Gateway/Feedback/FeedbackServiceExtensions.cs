using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Feedback;

public static class FeedbackServiceExtensions
{
    /// <summary>The feedback options and a fixed-window rate limit per client address (429 ProblemDetails with Retry-After, written by ClientRateLimiting).</summary>
    public static IHostApplicationBuilder AddFeedbackServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>()
            .BindConfiguration(FeedbackOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            // Rejections are written by the gateway's one OnRejected (Gateway/Security/ClientRateLimiting.cs):
            // 429 ProblemDetails with Retry-After, for this policy and the global limit alike.
            limiter.AddPolicy(FeedbackApi.RateLimitPolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<FeedbackOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = options.Window,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }
}
