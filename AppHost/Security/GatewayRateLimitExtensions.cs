namespace Recommend.AppHost.Security;

public static class GatewayRateLimitExtensions
{
    /// <summary>
    /// The gateway's per-client rate limit as AppHost parameters, so it can be changed per run
    /// without a rebuild. Load benchmarks come from one address and need it off:
    /// ./run.sh --headless --Parameters:rate-limit-per-second=0 (docs/security.md).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRateLimitParameters(this IResourceBuilder<ProjectResource> gateway)
    {
        var builder = gateway.ApplicationBuilder;
        var perSecond = builder.AddParameter("rate-limit-per-second", Configured(builder, "rate-limit-per-second", "50"), publishValueAsDefault: true)
            .WithDescription("Requests per second each client address may send to the gateway after its burst; 0 switches the limit off (load benchmarks).");
        var burst = builder.AddParameter("rate-limit-burst", Configured(builder, "rate-limit-burst", "200"), publishValueAsDefault: true)
            .WithDescription("Requests a client address may send at once before the per-second limit applies.");
        // Feedback has its own, stricter limit: it feeds retraining, so one client flooding it is an attack on the ranking.
        var feedback = builder.AddParameter("feedback-per-minute", Configured(builder, "feedback-per-minute", "30"), publishValueAsDefault: true)
            .WithDescription("Feedback posts each client address may send per minute (POST /api/v1/feedback); more answer 429.");
        return gateway
            .WithEnvironment("Recommend__RateLimit__PermitsPerSecond", perSecond)
            .WithEnvironment("Recommend__RateLimit__BurstLimit", burst)
            .WithEnvironment("Feedback__PermitLimit", feedback);
    }

    // AddParameter(name, value) fixes the value and ignores configuration, so --Parameters:NAME=... (or
    // Parameters__NAME) would be silently dropped: read it first and fall back to the default.
    private static string Configured(IDistributedApplicationBuilder builder, string name, string fallback) =>
        builder.Configuration[$"Parameters:{name}"] ?? fallback;
}
