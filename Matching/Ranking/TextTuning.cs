using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Matching.Ranking;

/// <summary>
/// The text-matching settings the recommender uses: the hybrid configuration that won every
/// cross-validation fold on SciFact (docs/evaluation.md): Porter stemming, BM25 k1 1.2, b 0.75,
/// a title word worth three body words, BM25 scaled by its best score and cosine min-max scaled, weighted equally.
/// Part of the index version, so changing them (or the generic challenge words, or the relevance
/// floor's calibration) publishes a new version.
/// </summary>
public static class TextTuning
{
    public static AnalyzerOptions Analyzer { get; } = new(RemoveStopWords: true, Stem: true);

    public static Bm25Parameters Bm25 { get; } = new(K1: 1.2f, B: 0.75f, TitleWeight: 3f);

    public static FusionSettings Fusion { get; } = new(FusionMethod.WeightedMinMax, DenseWeight: 0.5f);

    public static string Describe() =>
        $"{Analyzer};{Bm25};{Fusion};generic={ChallengeWords.Describe()};{Relevance.RelevanceFloor.Shipped.Describe()}";
}
