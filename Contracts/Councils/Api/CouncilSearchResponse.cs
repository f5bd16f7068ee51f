namespace Recommend.Contracts.Councils.Api;

/// <summary>The answer to a council search: best match first (an exact code or name, then names that start with the query, ...).</summary>
public sealed record CouncilSearchResponse(string Query, int Count, IReadOnlyList<CouncilSummary> Councils);
