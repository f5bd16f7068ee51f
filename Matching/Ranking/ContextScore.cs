namespace Recommend.Matching.Ranking;

/// <summary>
/// The figures of a context match that ranking reads for every candidate: the score, how much of the
/// context is known and how close it is, and how many similar councils adopted the practice. A value,
/// not a record with lists, so scoring up to 200 candidates allocates nothing for context; the words
/// (<see cref="ContextMatch"/>) are written only for the practices an answer shows.
/// </summary>
/// <param name="Score">0..1, as <see cref="ContextMatch.Score"/>.</param>
/// <param name="Coverage">0..1, as <see cref="ContextMatch.Coverage"/>.</param>
/// <param name="Closeness">0..1, as <see cref="ContextMatch.Closeness"/>.</param>
/// <param name="SimilarAdopters">How many entries <see cref="ContextMatch.SimilarAdopters"/> would list.</param>
public readonly record struct ContextScore(double Score, double Coverage, double Closeness, int SimilarAdopters)
{
    /// <summary>Same rule as <see cref="ContextMatch.WeakForThisContext"/>.</summary>
    public bool WeakForThisContext => Coverage < 0.3 || Closeness < 0.55;

    /// <summary>No council: the figures of <see cref="ContextMatch.None"/>.</summary>
    public static ContextScore None { get; } = new(ContextMatcher.UnknownPrior, 0, 1, 0);
}
