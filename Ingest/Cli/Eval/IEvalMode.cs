using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>A way of ranking a corpus that <c>eval</c> can measure, selected by <c>--mode</c>.</summary>
public interface IEvalMode
{
    string Name { get; }

    /// <summary>Work on the query texts worth doing once, in bulk, before ranking (embedding them, for dense modes).</summary>
    void PrepareQueries(IReadOnlyList<string> queries, TextWriter progress);

    /// <summary>The retriever configured as the settings say.</summary>
    IRetriever Build(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress);

    /// <summary>The grid cross-validation chooses from; the settings' own configuration comes first so it wins ties.</summary>
    IReadOnlyList<TuningCandidate> Candidates(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress);
}
