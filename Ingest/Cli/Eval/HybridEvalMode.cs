using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>
/// BM25 fused with MiniLM. Tuning crosses three lexical configurations (the one given and two
/// stemmed ones with a heavier title, the lexical cross-validation's usual picks) with reciprocal-rank and weighted min-max fusion over a grid of
/// dense weights, including 0 and 1, so a fold can always fall back to one side alone.
/// </summary>
public sealed class HybridEvalMode : IEvalMode
{
    private static readonly float[] WeightGrid = [0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f];
    private static readonly int[] RrfKGrid = [10, 30, 60, 100];

    public string Name => "hybrid";

    public void PrepareQueries(IReadOnlyList<string> queries, TextWriter progress) => QueryEmbeddings.Prefetch(queries, progress);

    public IRetriever Build(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var lexical = LexicalEvalMode.BuildIndex(corpus, settings, progress);
        var dense = EmbeddingCache.LoadOrBuild(corpus, QueryEmbeddings.Embedder, settings.CacheDirectory, progress);
        return new HybridRetriever(lexical, dense, QueryEmbeddings.Embed, settings.Fusion);
    }

    public IReadOnlyList<TuningCandidate> Candidates(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var dense = new Lazy<Matching.Text.Semantic.DenseIndex>(() => EmbeddingCache.LoadOrBuild(corpus, QueryEmbeddings.Embedder, settings.CacheDirectory, progress));
        var lexicalVariants = new[]
        {
            settings,
            settings with { Analyzer = settings.Analyzer with { Stem = true }, Bm25 = new Bm25Parameters(1.2f, 0.75f, TitleWeight: 3f) },
            settings with { Analyzer = settings.Analyzer with { Stem = true }, Bm25 = new Bm25Parameters(1.5f, 0.9f, TitleWeight: 4f) },
        };

        var candidates = new List<TuningCandidate>();
        foreach (var variant in lexicalVariants)
        {
            var hybrid = new Lazy<HybridRetriever>(() => new HybridRetriever(LexicalEvalMode.BuildIndex(corpus, variant, progress), dense.Value, QueryEmbeddings.Embed));
            var lexicalLabel = $"stem={(variant.Analyzer.Stem ? "on" : "off")} {variant.Bm25}";
            var fusions = new List<FusionSettings> { settings.Fusion };
            fusions.AddRange(WeightGrid.Select(w => settings.Fusion with { Method = FusionMethod.WeightedMinMax, DenseWeight = w }));
            fusions.AddRange(RrfKGrid.SelectMany(k => new[] { 0.3f, 0.5f, 0.7f }.Select(w => settings.Fusion with { Method = FusionMethod.ReciprocalRank, RrfK = k, DenseWeight = w })));
            foreach (var fusion in fusions.Distinct())
            {
                candidates.Add(new TuningCandidate($"{lexicalLabel} | {fusion}", () =>
                {
                    hybrid.Value.Settings = fusion;
                    return hybrid.Value;
                }));
            }
        }

        return candidates;
    }
}
