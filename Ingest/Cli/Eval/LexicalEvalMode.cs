using System.Diagnostics;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>BM25 over our inverted index; tuning covers stemming, k1, b, title weight and per-field length.</summary>
public sealed class LexicalEvalMode : IEvalMode
{
    // Wide enough that the choices made on SciFact sit inside the grid, not on its edge.
    private static readonly float[] K1Grid = [0.6f, 0.9f, 1.2f, 1.5f, 2.0f, 2.5f, 3.0f];
    private static readonly float[] BGrid = [0.3f, 0.4f, 0.5f, 0.6f, 0.75f, 0.9f];
    private static readonly float[] TitleWeightGrid = [1f, 1.5f, 2f, 3f, 4f, 6f];

    public string Name => "lexical";

    public void PrepareQueries(IReadOnlyList<string> queries, TextWriter progress)
    {
        // Analysing a query is cheaper than looking it up in a cache.
    }

    public IRetriever Build(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress) =>
        BuildIndex(corpus, settings, progress);

    public IReadOnlyList<TuningCandidate> Candidates(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var candidates = new List<TuningCandidate>();
        foreach (var stem in new[] { settings.Analyzer.Stem, !settings.Analyzer.Stem })
        {
            var variant = settings with { Analyzer = settings.Analyzer with { Stem = stem } };
            var index = new Lazy<LexicalIndex>(() => BuildIndex(corpus, variant, progress));
            var grid = new List<Bm25Parameters> { settings.Bm25 };
            foreach (var perField in new[] { false, true })
            {
                foreach (var titleWeight in TitleWeightGrid)
                {
                    foreach (var k1 in K1Grid)
                    {
                        foreach (var b in BGrid)
                        {
                            var parameters = settings.Bm25 with { K1 = k1, B = b, TitleWeight = titleWeight, PerFieldLength = perField };
                            if (parameters != settings.Bm25)
                            {
                                grid.Add(parameters);
                            }
                        }
                    }
                }
            }

            foreach (var parameters in grid)
            {
                candidates.Add(new TuningCandidate($"stem={(stem ? "on" : "off")} {parameters}", () =>
                {
                    index.Value.Parameters = parameters;
                    return index.Value;
                }));
            }
        }

        return candidates;
    }

    internal static LexicalIndex BuildIndex(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var clock = Stopwatch.StartNew();
        var index = LexicalIndex.Build(corpus, settings.Analyzer, settings.Bm25, settings.UseMlNet);
        progress.WriteLine($"indexed {index.Count:N0} documents ({index.TermCount:N0} terms, stem={(settings.Analyzer.Stem ? "on" : "off")}, {(settings.UseMlNet ? "ML.NET" : "fast")} analyser) in {clock.Elapsed.TotalSeconds:0.0} s");
        return index;
    }
}
