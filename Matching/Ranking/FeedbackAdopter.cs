namespace Recommend.Matching.Ranking;

/// <summary>A council that reported, through "adopted" feedback, that it adopted a practice (<paramref name="Reports"/> times).</summary>
public sealed record FeedbackAdopter(string Code, string Name, long Reports);
