namespace Recommend.Gateway.Security;

/// <summary>
/// Origins whose pages may call the API from a browser (Recommend:Cors:AllowedOrigins, e.g.
/// "https://portal.example.gov.uk"). Empty by default: only the gateway's own page, which needs no CORS.
/// </summary>
public sealed class GatewayCorsOptions
{
    public const string Section = "Recommend:Cors";

    public List<string> AllowedOrigins { get; set; } = [];
}
