namespace Recommend.Matching.Ranking.Versions;

/// <summary>
/// One delta segment in a version's manifest: its id and the version applying it makes. A replica
/// serving <see cref="To"/> applies only the segments after it: versions are content-addressed, so
/// its index already holds exactly what the segments up to this one hold.
/// </summary>
public sealed record SegmentRef(string Id, string To);
