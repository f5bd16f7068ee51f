using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Recommend.Gateway.Security;

/// <summary>
/// The gateway faces the open internet; this is its guard, checked against the OWASP API Security
/// Top 10 (docs/security.md): per-client rate limits, a body size limit, a CORS allow-list,
/// security headers and error answers that reveal nothing internal.
/// </summary>
public static class GatewaySecurity
{
    public const string CorsPolicy = "allow-listed-origins";

    public static IHostApplicationBuilder AddGatewaySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RequestBodyLimitOptions>().BindConfiguration(RequestBodyLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GatewayCorsOptions>().BindConfiguration(GatewayCorsOptions.Section);

        // "Server: Kestrel" tells an attacker what to try; nobody else needs it.
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        builder.Services.AddSafeProblemDetails();
        builder.Services.AddForwardedClientAddress();
        builder.Services.AddClientRateLimiting();

        var origins = builder.Configuration.GetSection(GatewayCorsOptions.Section).Get<GatewayCorsOptions>()?.AllowedOrigins ?? [];
        builder.Services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Content-Type", "X-Api-Key")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>
    /// Goes first, so every answer (static files, errors, 429s, early repeats) carries the headers, and
    /// the rate limit sees the client's address (this may replace it) wherever it is applied.
    /// </summary>
    public static WebApplication UseGatewayHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>
    /// After routing (each reads the endpoint's own settings). The body limit comes before the rate
    /// limiter so that a throttled request, whose body nobody reads, still has its limit set for
    /// Kestrel's drain (<see cref="RequestBodyLimit"/>).
    /// </summary>
    public static WebApplication UseGatewayLimits(this WebApplication app)
    {
        app.UseCors(CorsPolicy);
        app.UseRequestBodyLimit();
        app.UseRateLimiter();
        return app;
    }
}
