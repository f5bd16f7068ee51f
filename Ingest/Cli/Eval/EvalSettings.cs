using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>Everything an evaluation mode may need to build its retriever, as given on the command line.</summary>
/// <param name="Analyzer">How text becomes terms for the lexical side.</param>
/// <param name="Bm25">Lexical scoring parameters.</param>
/// <param name="UseMlNet">Index through the ML.NET featuriser (default) rather than the fast analyser.</param>
/// <param name="CacheDirectory">Where dense modes keep document embeddings between runs.</param>
/// <param name="Fusion">How the hybrid mode combines its two sides.</param>
public sealed record EvalSettings(AnalyzerOptions Analyzer, Bm25Parameters Bm25, bool UseMlNet, string CacheDirectory, FusionSettings Fusion);
