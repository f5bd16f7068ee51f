namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>
/// One council's report on one practice as stored and listed: what the council said, which council
/// (proved by its key), and when it was reported. <see cref="Source"/> says whether it came from the
/// adoptions endpoint or from keyed "adopted" feedback on a recommendation.
/// </summary>
public sealed record AdoptionReport
{
    public required string PracticeId { get; init; }

    /// <summary>Upper-case council code, the one the key speaks for.</summary>
    public required string Council { get; init; }

    /// <summary>The council's name when the app knows it; filled in when listed.</summary>
    public string? CouncilName { get; init; }

    public required string Status { get; init; }
    public string? Started { get; init; }
    public ReportedOutcome? Outcome { get; init; }
    public string? EvaluationUrl { get; init; }
    public string? Adaptations { get; init; }
    public string? Notes { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>"report" (the adoptions endpoint) or "feedback" (keyed "adopted" feedback).</summary>
    public required string Source { get; init; }

    public const string FromReport = "report";
    public const string FromFeedback = "feedback";
}
