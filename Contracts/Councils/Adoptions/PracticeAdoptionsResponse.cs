namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>The answer of <c>GET /api/v1/practices/{id}/adoptions</c>: every council's report, newest first, and their summary.</summary>
public sealed record PracticeAdoptionsResponse
{
    public required string PracticeId { get; init; }
    public required ReportedAdoptionSummary Summary { get; init; }

    public required List<AdoptionReport> Reports { get; init; }
}
