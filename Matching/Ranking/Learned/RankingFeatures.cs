using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;

namespace Recommend.Matching.Ranking.Learned;

/// <summary>
/// The signals the learned reranker reads for one candidate, in a fixed order: the hand-tuned weighted score and
/// the five parts a person sees, the two halves of the text match, adoption and feedback. Training and serving
/// both build them here, so the model never sees features in a different order than it learned. Feedback is read
/// question by question (<see cref="FeedbackMemory"/>): what was said about the practice for questions like this
/// one, by councils like the asking one, and overall, never raw counts a single client could inflate.
/// </summary>
public static class RankingFeatures
{
    public static readonly string[] Names =
    [
        "weighted", "text", "context", "evidence", "cost", "priority",
        "lexical_share", "semantic_similarity",
        "adopters", "similar_adopters",
        "feedback_useful_here", "feedback_not_relevant_here", "feedback_councils_like_yours", "feedback_overall",
    ];

    /// <summary>How many features there are (a constant: ML.NET's vector column needs its size at compile time).</summary>
    public const int Count = 14;

    /// <param name="weighted">The default weighted sum of the parts: the hand-tuned ranking the model starts from and may correct.</param>
    /// <param name="parts">The weighted ranking's score parts (each 0..1).</param>
    /// <param name="match">The text match, for its lexical and semantic halves.</param>
    /// <param name="bestLexical">The best lexical score among this query's candidates, to make the lexical half comparable across queries.</param>
    /// <param name="practice">The candidate, for its adopters.</param>
    /// <param name="context">Its context figures, for adopters among similar councils.</param>
    /// <param name="feedback">Its feedback evidence for this question, from the version's memory.</param>
    public static float[] Of(double weighted, ScoreParts parts, TextMatch match, double bestLexical, Practice practice, ContextScore context, FeedbackEvidence feedback) =>
    [
        (float)weighted, (float)parts.Text, (float)parts.Context, (float)parts.Evidence, (float)parts.Cost, (float)parts.Priority,
        bestLexical > 0 ? (float)(match.LexicalScore / bestLexical) : 0f,
        (float)(match.SemanticSimilarity ?? 0),
        Log(practice.Adopters.Count), Log(context.SimilarAdopters),
        Log(feedback.Useful), Log(feedback.NotRelevant), SignedLog(feedback.NearCouncils), SignedLog(feedback.Overall),
    ];

    // Counts and evidence grow without bound across catalogues; their logarithm keeps one popular practice from dominating.
    private static float Log(double count) => (float)Math.Log(1 + Math.Max(0, count));

    private static float SignedLog(double net) => Math.Sign(net) * Log(Math.Abs(net));
}
