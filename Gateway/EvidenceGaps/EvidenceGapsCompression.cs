using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Recommend.Gateway.EvidenceGaps;

/// <summary>
/// The whole map is a few hundred kilobytes of repetitive JSON (council codes, practice ids) that
/// compresses about tenfold, and the page loads it on a phone. Only this endpoint is compressed: the
/// other answers are small, and a change of their bytes would reach their caches and tests. The answer
/// holds no secret, so compressing it over HTTPS gives BREACH nothing to read.
/// </summary>
public static class EvidenceGapsCompression
{
    public static IServiceCollection AddEvidenceGapsCompression(this IServiceCollection services) =>
        services
            .Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest)
            .Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest)
            .AddResponseCompression(options =>
            {
                options.EnableForHttps = true;
                options.MimeTypes = ["application/json"];
            });

    public static IApplicationBuilder UseEvidenceGapsCompression(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(EvidenceGapsApi.Path, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());
}
