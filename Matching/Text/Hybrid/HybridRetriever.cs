using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Text.Hybrid;

/// <summary>
/// Fuses BM25 and MiniLM: takes each side's top <see cref="FusionSettings.Depth"/> (the dense side
/// through an int8 scan with exact rescoring, <see cref="QuantizedVectors"/>), gives every
/// candidate its exact dense score (a 384-float dot product is cheap, so no candidate is missing
/// one), and combines by reciprocal rank or by a weighted sum of scaled scores. With the
/// dense weight at 0 or 1 it ranks like one side alone, so tuning the weight can only help.
/// Document numbers and ids are the lexical index's.
/// </summary>
public sealed class HybridRetriever : IRetriever
{
    private readonly LexicalIndex _lexical;
    private readonly QuantizedVectors _dense;
    private readonly Func<string, float[]> _embedQuery;

    /// <summary>
    /// Takes a snapshot of both indexes: the dense vectors are quantised row by row in the lexical
    /// index's document order, so a document number means the same on both sides. Build a new one
    /// after adding or removing documents.
    /// </summary>
    public HybridRetriever(LexicalIndex lexical, DenseIndex dense, Func<string, float[]> embedQuery, FusionSettings? settings = null)
    {
        _lexical = lexical;
        _embedQuery = embedQuery;
        _dense = new QuantizedVectors(dense, Enumerable.Range(0, lexical.Slots).Select(doc => lexical.TryIdOf(doc)).ToArray());
        Settings = settings ?? FusionSettings.Default;
    }

    /// <summary>
    /// Brings the int8 rows up to date after documents were added to the lexical index (and their
    /// vectors to the dense one) in place: rows of the documents removed or replaced are cleared,
    /// and a row is added for every new document number. One writer at a time, while searches run.
    /// </summary>
    public void CatchUp(IEnumerable<int> removedDocs)
    {
        foreach (var doc in removedDocs)
        {
            _dense.Clear(doc);
        }

        for (var doc = _dense.Count; doc < _lexical.Slots; doc++)
        {
            _dense.Append(_lexical.TryIdOf(doc));
        }
    }

    public FusionSettings Settings
    {
        get;
        set
        {
            value.Validate();
            field = value;
        }
    }

    public int Count => _lexical.Count;

    public string IdOf(int doc) => _lexical.IdOf(doc);

    public IReadOnlyList<SearchHit> Search(string query, int k)
    {
        var settings = Settings;
        var queryVector = _embedQuery(query);
        return Fuse(settings, _lexical.Search(query, Math.Max(k, settings.Depth)), queryVector, k);
    }

    /// <summary>
    /// The fusion half of <see cref="Search"/>, for a caller that already ran the lexical search:
    /// <paramref name="lexicalHits"/> must be the lexical index's top max(k, Depth) for the query, best
    /// first, and <paramref name="queryVector"/> the query's embedding. Gives what Search gives.
    /// </summary>
    public IReadOnlyList<SearchHit> Fuse(IReadOnlyList<SearchHit> lexicalHits, float[] queryVector, int k) =>
        Fuse(Settings, lexicalHits, queryVector, k);

    private SearchHit[] Fuse(FusionSettings settings, IReadOnlyList<SearchHit> lexicalHits, float[] queryVector, int k)
    {
        var depth = Math.Max(k, settings.Depth);
        var denseHits = _dense.Search(queryVector, depth);

        var candidates = new Dictionary<int, Candidate>(lexicalHits.Count + denseHits.Length);
        for (var i = 0; i < lexicalHits.Count; i++)
        {
            candidates[lexicalHits[i].Doc] = new Candidate { LexicalRank = i + 1, LexicalScore = lexicalHits[i].Score, DenseScore = float.NaN };
        }

        for (var i = 0; i < denseHits.Length; i++)
        {
            var doc = denseHits[i].Doc;
            var candidate = candidates.GetValueOrDefault(doc);
            candidate.DenseRank = i + 1;
            candidate.DenseScore = denseHits[i].Score;
            candidates[doc] = candidate;
        }

        // Lexical candidates the dense side did not rank still get their true similarity.
        foreach (var doc in candidates.Keys.ToArray())
        {
            var candidate = candidates[doc];
            if (float.IsNaN(candidate.DenseScore))
            {
                candidate.DenseScore = _dense.ExactScore(queryVector, doc);
                candidates[doc] = candidate;
            }
        }

        var top = new TopK(Math.Min(k, candidates.Count));
        if (settings.Method == FusionMethod.ReciprocalRank)
        {
            foreach (var (doc, c) in candidates)
            {
                var score = (c.LexicalRank > 0 ? (1 - settings.DenseWeight) / (settings.RrfK + c.LexicalRank) : 0)
                    + (c.DenseRank > 0 ? settings.DenseWeight / (settings.RrfK + c.DenseRank) : 0);
                top.Add(doc, score);
            }
        }
        else
        {
            // BM25 has a natural floor, 0 (no query word), which is also about where a document the
            // lexical side did not return sits, so it is scaled by its best score alone; cosines have
            // no such floor and are min-max scaled over the candidates.
            var lexicalMax = lexicalHits.Count > 0 ? lexicalHits[0].Score : 1f;
            var (denseMin, denseSpan) = Range(candidates.Values.Select(c => c.DenseScore));
            foreach (var (doc, c) in candidates)
            {
                var lexical = c.LexicalRank > 0 ? c.LexicalScore / lexicalMax : 0;
                var dense = (c.DenseScore - denseMin) / denseSpan;
                top.Add(doc, ((1 - settings.DenseWeight) * lexical) + (settings.DenseWeight * dense));
            }
        }

        return top.ToArray();
    }

    private static (float Min, float Span) Range(IEnumerable<float> scores)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        // One candidate, or all equal: scale them all to 1 rather than dividing by zero.
        return float.IsInfinity(min) ? (0, 1) : max > min ? (min, max - min) : (min - 1, 1);
    }

    private struct Candidate
    {
        public int LexicalRank;
        public float LexicalScore;
        public int DenseRank;
        public float DenseScore;
    }
}
