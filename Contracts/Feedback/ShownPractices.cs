namespace Recommend.Contracts.Feedback;

/// <summary>
/// What one answer showed, in order: the practices in <c>results[]</c> with their ranks and those in
/// <c>related[]</c>. The recommender stores it under <c>StoreKeys.AnsweredShown</c> when it computes
/// an answer, so feedback on a practice can say where it was seen: learning from feedback must know
/// that a practice at rank 1 is seen far more often than one at rank 9 (position bias).
/// </summary>
public sealed record ShownPractices
{
    public required List<ShownResult> Results { get; init; }
    public List<string> Related { get; init; } = [];

    /// <summary>Where <paramref name="practiceId"/> was shown: its rank and list, or (null, null) when this answer did not show it.</summary>
    public (int? Rank, string? List) Find(string practiceId)
    {
        foreach (var result in Results)
        {
            if (result.Id == practiceId)
            {
                return (result.Rank, ShownList.Results);
            }
        }

        var related = Related.IndexOf(practiceId);
        return related >= 0 ? (related + 1, ShownList.Related) : (null, null);
    }
}

/// <summary>One practice of <c>results[]</c> and its 1-based rank in the whole ranking (offset included).</summary>
public sealed record ShownResult(string Id, int Rank);

/// <summary>Which list of an answer a practice was shown in (the event log's <c>shown_in</c>).</summary>
public static class ShownList
{
    public const string Results = "results";

    /// <summary>Below the relevance floor, under "Related practices"; the rank is the position in that list.</summary>
    public const string Related = "related";
}
