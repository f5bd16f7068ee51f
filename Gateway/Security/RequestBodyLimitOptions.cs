using System.ComponentModel.DataAnnotations;

namespace Recommend.Gateway.Security;

/// <summary>The largest request body any endpoint accepts (Recommend:RequestBody); bigger ones get a 413.</summary>
public sealed class RequestBodyLimitOptions
{
    public const string Section = "Recommend:RequestBody";

    [Range(1, 64L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 1024 * 1024;
}
