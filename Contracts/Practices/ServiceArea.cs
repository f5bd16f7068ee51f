namespace Recommend.Contracts.Practices;

/// <summary>The fixed taxonomy of council service areas; stored and sent as snake_case strings.</summary>
public static class ServiceArea
{
    public static readonly IReadOnlyList<string> All =
    [
        "adult_social_care",
        "childrens_services",
        "education",
        "public_health",
        "housing_homelessness",
        "community_safety",
        "environment_climate",
        "economy_skills",
        "transport",
        "waste",
        "culture_leisure",
        "revenues_benefits",
        "digital_corporate",
        "democracy_engagement",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string value) => Known.Contains(value);

    /// <summary>Accepts "Housing &amp; Homelessness", "housing-homelessness" and the like.</summary>
    public static string Normalise(string value)
    {
        var chars = value.Trim().ToLowerInvariant()
            .Replace("&", " ", StringComparison.Ordinal)
            .Replace("'", "", StringComparison.Ordinal)
            .Select(c => char.IsLetterOrDigit(c) ? c : '_')
            .ToArray();
        var collapsed = string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
        return collapsed;
    }
}
