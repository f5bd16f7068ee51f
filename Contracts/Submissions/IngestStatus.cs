namespace Recommend.Contracts.Submissions;

/// <summary>Where one submission stands: stored under <c>StoreKeys.IngestStatus</c> and answered by <c>GET /api/v1/ingest/{tracking_id}</c>.</summary>
public sealed record IngestStatus
{
    public const string Accepted = "accepted";
    public const string Indexed = "indexed";
    public const string Rejected = "rejected";

    public required string TrackingId { get; init; }
    public required string PracticeId { get; init; }

    /// <summary><see cref="Accepted"/> (queued), <see cref="Indexed"/> (recommendable) or <see cref="Rejected"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why it was rejected, in words a person can act on.</summary>
    public string? Reason { get; init; }

    /// <summary>The index version that holds it, once indexed.</summary>
    public string? IndexVersion { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
