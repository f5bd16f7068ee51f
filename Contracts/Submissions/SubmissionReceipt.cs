namespace Recommend.Contracts.Submissions;

/// <summary>The 202 answer to a submitted practice: where to follow it.</summary>
public sealed record SubmissionReceipt(string Id, string TrackingId, string StatusUrl);
