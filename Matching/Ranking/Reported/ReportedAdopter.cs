namespace Recommend.Matching.Ranking.Reported;

/// <summary>A council that reported, with its own key, that it runs a practice: piloted, adopted or scaled, since <paramref name="Started"/>.</summary>
public sealed record ReportedAdopter(string Code, string Name, string Status, string? Started);
