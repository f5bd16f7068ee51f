using Scalar.AspNetCore;

namespace Recommend.Gateway.ApiReference;

/// <summary>
/// The interactive API reference at /docs: our own page (wwwroot/docs) running Scalar, whose script
/// the Scalar.AspNetCore package serves from the gateway itself (no CDN), over /openapi/v1.json.
/// The package's own page is not used: it configures Scalar with an inline script, which the
/// Content-Security-Policy forbids.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    /// <summary>Where the package serves scalar.js (and its unused page).</summary>
    public const string AssetsPath = Path + "/scalar";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddOperationTransformer<OperationExamples>());

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(AssetsPath, options => options.WithTitle("Recommend API"))
            .ExcludeFromDescription();
        return app;
    }
}
