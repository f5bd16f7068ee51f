namespace Recommend.Gateway.Security;

/// <summary>
/// Headers on every answer, errors included (set before the rest of the pipeline runs). The page
/// loads scripts and styles from its own files only, so the policy needs no 'unsafe-inline'.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The page and the API: nothing inline, nothing from elsewhere, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (/docs) is a third-party single-page app that sets styles from script
    /// (style elements and attributes), which no hash or nonce can cover. Scripts stay 'self' only:
    /// inline style cannot run code, inline script could.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // On starting, not now: the exception handler clears the headers of a failed response.
            context.Response.OnStarting(() =>
            {
                Apply(context);
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Recommend.Gateway.ApiReference.ApiReference.Path)
            ? ApiReferencePolicy
            : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
    }
}
