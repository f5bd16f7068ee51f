namespace Recommend.Matching.Ranking.Relevance;

/// <summary>
/// What the relevance floor reads of one text match. A fused score alone cannot say whether a
/// practice is useful: it is scaled by the query's best match, so the best of a poor field looks as
/// good as the best of a rich one. These read the match on scales that mean the same in every query
/// (the MiniLM cosine, the idf-weighted share of the challenge's words the practice holds), against
/// the field (how far below the best cosine, the lexical and semantic rank, the share of the best
/// lexical and fused scores) and against the theme: the share of the challenge's closest matches
/// (<see cref="AreaNeighbours"/> by fused score) that serve the practice's own service area. That last
/// one reads the challenge's theme from its text, not from the priorities the user gave: priorities
/// may reorder recommendations but never decide what is one. And whether the practice serves only
/// people the challenge is not about (<see cref="AudienceMatch"/>), which the words alone cannot tell.
/// </summary>
public readonly record struct RelevanceFeatures(
    double Semantic,
    double Coverage,
    double LexicalShare,
    double FusedShare,
    double SemanticGap,
    double LexicalRank,
    double SemanticRank,
    double AreaShare,
    double AudienceMismatch)
{
    /// <summary>How many of the closest matches set the challenge's theme.</summary>
    public const int AreaNeighbours = 8;

    /// <summary>The features of every match of one query, in the order given.</summary>
    public static RelevanceFeatures[] Of(IReadOnlyList<TextMatch> matches, Func<int, string?> primaryArea, Func<int, double> audienceMismatch)
    {
        var features = new RelevanceFeatures[matches.Count];
        if (matches.Count == 0)
        {
            return features;
        }

        var bestFused = matches.Max(m => m.Score);
        var bestLexical = matches.Max(m => m.LexicalScore);
        var bestSemantic = matches.Max(m => m.SemanticSimilarity ?? 0);
        var lexicalRank = RankOf(matches, m => m.LexicalScore);
        var semanticRank = RankOf(matches, m => m.SemanticSimilarity ?? 0);

        // The theme: fused-score-weighted shares of the closest matches' primary areas.
        var closest = Enumerable.Range(0, matches.Count).OrderByDescending(i => matches[i].Score).ThenBy(i => i).Take(AreaNeighbours).ToList();
        var weightByArea = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        foreach (var i in closest)
        {
            if (primaryArea(matches[i].Doc) is { } area)
            {
                weightByArea[area] = weightByArea.GetValueOrDefault(area) + matches[i].Score;
                total += matches[i].Score;
            }
        }

        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var area = primaryArea(m.Doc);
            features[i] = new RelevanceFeatures(
                m.SemanticSimilarity ?? 0,
                m.Coverage,
                bestLexical > 0 ? m.LexicalScore / bestLexical : 0,
                bestFused > 0 ? m.Score / bestFused : 0,
                (m.SemanticSimilarity ?? 0) - bestSemantic,
                Math.Log(1 + lexicalRank[i]),
                Math.Log(1 + semanticRank[i]),
                total > 0 && area is not null ? weightByArea.GetValueOrDefault(area) / total : 0,
                audienceMismatch(m.Doc));
        }

        return features;
    }

    /// <summary>The features in the order the model's weights are stored.</summary>
    public double[] ToArray(bool withSemantic) => withSemantic
        ? [Semantic, Coverage, LexicalShare, FusedShare, SemanticGap, LexicalRank, SemanticRank, AreaShare, AudienceMismatch]
        : [Coverage, LexicalShare, FusedShare, LexicalRank, AreaShare, AudienceMismatch];

    public static readonly string[] HybridNames = ["semantic", "coverage", "lexical_share", "fused_share", "semantic_gap", "log_lexical_rank", "log_semantic_rank", "area_share", "audience_mismatch"];
    public static readonly string[] LexicalNames = ["coverage", "lexical_share", "fused_share", "log_lexical_rank", "area_share", "audience_mismatch"];

    /// <summary>0-based rank of each match by a score, highest first (ties keep their order).</summary>
    private static int[] RankOf(IReadOnlyList<TextMatch> matches, Func<TextMatch, double> score)
    {
        var order = Enumerable.Range(0, matches.Count).OrderByDescending(i => score(matches[i])).ThenBy(i => i).ToArray();
        var rank = new int[matches.Count];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }
}
