namespace Recommend.Core.Recommendations;

/// <summary>
/// What a portal asks: the challenge in the council's own words, optionally which council and its
/// priorities. Everything but <see cref="Challenge"/> is optional. Wire format is snake_case JSON.
/// </summary>
public sealed record RecommendationRequest
{
    public string? Challenge { get; init; }
    public string? Council { get; init; }
    public List<string>? Priorities { get; init; }
    public int? Limit { get; init; }
}
