namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>The body of <c>POST /api/v1/councils/{code}/adoptions</c>: one council's report on one practice.</summary>
public sealed record AdoptionReportRequest
{
    public string? PracticeId { get; init; }

    /// <summary>One of <see cref="AdoptionStatus.All"/>.</summary>
    public string? Status { get; init; }

    /// <summary>When the council started: "2024" , "2024-09" or "2024-09-01".</summary>
    public string? Started { get; init; }

    public ReportedOutcome? Outcome { get; init; }

    /// <summary>A published evaluation of the council's own run of the practice (http or https).</summary>
    public string? EvaluationUrl { get; init; }

    /// <summary>What the council changed to make it fit.</summary>
    public string? Adaptations { get; init; }

    public string? Notes { get; init; }
}
