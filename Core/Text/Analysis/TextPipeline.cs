using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Recommend.Core.Text.Analysis;

/// <summary>
/// Every ML.NET text estimator we use, built in one place so the index-time featuriser and the
/// folding table behind the query analyser cannot disagree about settings.
/// </summary>
internal static class TextPipeline
{
    /// <summary>A token is a run of letters and digits after folding: "covid-19" gives "covid" and "19".</summary>
    public static bool IsTokenChar(char c) => char.IsLetterOrDigit(c);

    public static IEstimator<ITransformer> Normalise(MLContext ml, string output, string input) =>
        ml.Transforms.Text.NormalizeText(output, input, TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: false, keepPunctuations: true, keepNumbers: true);
}
