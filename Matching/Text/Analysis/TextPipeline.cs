using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// Every ML.NET text estimator we use, built in one place so the index-time featuriser and the
/// folding table behind the query analyser cannot disagree about settings, and the one
/// <see cref="MLContext"/> they are built with (STYLE 15).
/// </summary>
internal static class TextPipeline
{
    /// <summary>Fixed so anything fitted with a random step would be reproducible; the text steps take none.</summary>
    public const int Seed = 20251126;

    /// <summary>
    /// The process's one MLContext. Building and fitting pipelines on it from several threads is
    /// safe; nothing here makes a PredictionEngine (not thread-safe): transformers are applied directly.
    /// </summary>
    public static MLContext Ml { get; } = new(seed: Seed);
    /// <summary>A token is a run of letters and digits after folding: "covid-19" gives "covid" and "19".</summary>
    public static bool IsTokenChar(char c) => char.IsLetterOrDigit(c);

    public static IEstimator<ITransformer> Normalise(string output, string input) =>
        Ml.Transforms.Text.NormalizeText(output, input, TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: false, keepPunctuations: true, keepNumbers: true);
}
