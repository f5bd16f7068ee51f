namespace Recommend.Contracts.Submissions;

/// <summary>The fields of one entry on the ingest stream, written by the gateway and the import CLI, read by ingest.</summary>
public static class IngestStreamFields
{
    /// <summary>The practice, as catalogue JSON (snake_case).</summary>
    public const string Practice = "practice";

    /// <summary>Names the submission for <c>GET /api/v1/ingest/{tracking_id}</c>.</summary>
    public const string TrackingId = "tracking_id";

    /// <summary>Who sent it: "api" or "import:{file name}".</summary>
    public const string Origin = "origin";
}
