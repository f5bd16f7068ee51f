namespace Recommend.Contracts.Feedback;

/// <summary>What a person can say about one recommended practice.</summary>
public static class FeedbackSignal
{
    public const string Useful = "useful";
    public const string NotRelevant = "not_relevant";
    public const string Adopted = "adopted";
    public const string Dismissed = "dismissed";

    public static readonly IReadOnlyList<string> All = [Useful, NotRelevant, Adopted, Dismissed];
}
