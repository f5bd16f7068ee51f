namespace Recommend.Gateway.Submissions;

/// <summary>
/// Configuration section "Submissions": the key writers send in <c>X-Api-Key</c>. The AppHost sets
/// it from its secret parameter <c>api-key</c>; without one, write endpoints answer 503.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Submissions";

    public string? ApiKey { get; set; }
}
