using System.Collections.Concurrent;
using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// An in-memory inverted index scored with BM25 over a title and a body field.
/// Documents get a dense number when added and keep it (removal leaves a hole), so numbers held by
/// callers stay valid. Statistics (document count, document frequencies, average lengths) always
/// reflect the live documents only. Search is term-at-a-time into a reused score array followed by
/// a bounded heap, which on short queries beats Lucene's document-at-a-time without any skipping.
/// Many searches may run at once; adds and removes take the index exclusively.
/// </summary>
public sealed partial class LexicalIndex : IRetriever, IDisposable
{
    // Compact posting lists once this share of slots are removed documents still listed in them.
    private const double CompactionShare = 0.25;
    private const int MinimumSlots = 16;

    private readonly TermVocabulary _vocabulary = new();
    private readonly List<PostingList> _postings = [];
    private readonly List<int> _documentFrequency = [];
    private readonly Dictionary<string, int> _docById = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _normsGate = new();
    private readonly ConcurrentBag<Scratch> _scratch = [];
    private readonly DocumentCounter _counter;

    private string?[] _ids = new string?[MinimumSlots];
    private int[] _titleLength = new int[MinimumSlots];
    private int[] _bodyLength = new int[MinimumSlots];
    private int[][] _docTerms = new int[MinimumSlots][];
    private int _slots;
    private int _live;
    private int _removedNotCompacted;
    private long _titleLengthSum;
    private long _bodyLengthSum;
    private Bm25Parameters _parameters;

    // Per-document factors derived from lengths and parameters; rebuilt lazily after any change.
    private float[] _lengthNorm = [];
    private float[] _titleNorm = [];
    private float[] _bodyNorm = [];
    private volatile bool _normsStale = true;

    public LexicalIndex(AnalyzerOptions? analyzer = null, Bm25Parameters? parameters = null)
    {
        Analyzer = new TextAnalyzer(analyzer ?? AnalyzerOptions.Default);
        _parameters = parameters ?? Bm25Parameters.Default;
        _parameters.Validate();
        _counter = new DocumentCounter(_vocabulary);
    }

    public TextAnalyzer Analyzer { get; }

    /// <summary>Scoring parameters; changing them needs no re-indexing (handy for tuning).</summary>
    public Bm25Parameters Parameters
    {
        get => _parameters;
        set
        {
            value.Validate();
            _lock.EnterWriteLock();
            try
            {
                _parameters = value;
                _normsStale = true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

    /// <summary>Live documents.</summary>
    public int Count => _live;

    /// <summary>Document numbers handed out so far, including removed ones.</summary>
    public int Slots => _slots;

    public int TermCount => _vocabulary.Count;

    /// <summary>
    /// Indexes a corpus in one go through the ML.NET featuriser (<paramref name="useMlNet"/>) or the
    /// fast analyser; both give the same index, which a test checks.
    /// </summary>
    public static LexicalIndex Build(IReadOnlyList<TextDocument> documents, AnalyzerOptions? analyzer = null, Bm25Parameters? parameters = null, bool useMlNet = true)
    {
        var index = new LexicalIndex(analyzer, parameters);
        if (useMlNet)
        {
            index.AddFeaturized(documents);
        }
        else
        {
            foreach (var document in documents)
            {
                index.Add(document);
            }
        }

        return index;
    }

    /// <summary>Adds a document (replacing any with the same id) and returns its number.</summary>
    public int Add(TextDocument document)
    {
        _lock.EnterWriteLock();
        try
        {
            var counter = _counter;
            counter.Reset();
            counter.InTitle = true;
            Analyzer.Analyze(document.Title, ref counter);
            counter.InTitle = false;
            Analyzer.Analyze(document.Body, ref counter);
            return Append(document.Id, counter.SortedTerms(), counter.TitleCounts, counter.BodyCounts, counter.TitleWords, counter.BodyWords);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds (or replaces) a document already analysed elsewhere, with exactly its terms and lengths.</summary>
    public int Add(LexicalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _lock.EnterWriteLock();
        try
        {
            var counter = _counter;
            counter.Reset();
            var terms = new int[entry.Terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = _vocabulary.GetOrAdd(entry.Terms[i]);
                counter.Put(terms[i], entry.TitleCounts[i], entry.BodyCounts[i]);
            }

            // The forward list is searched by term id (Array.BinarySearch), so it must ascend by id.
            Array.Sort(terms);
            return Append(entry.Id, terms, counter.TitleCounts, counter.BodyCounts, entry.TitleWords, entry.BodyWords);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Adds documents featurised by ML.NET in one fitted pass; row i of the output is document i.</summary>
    public void AddFeaturized(IReadOnlyList<TextDocument> documents)
    {
        var featurizer = new MlTextFeaturizer(Analyzer.Options);
        _lock.EnterWriteLock();
        try
        {
            var vectors = featurizer.FitTransform(documents, _vocabulary);
            _counter.EnsureCapacity(_vocabulary.Count);
            for (var i = 0; i < documents.Count; i++)
            {
                var (title, body) = vectors[i];
                _counter.Reset();
                _counter.Load(title, inTitle: true);
                _counter.Load(body, inTitle: false);
                Append(documents[i].Id, _counter.SortedTerms(), _counter.TitleCounts, _counter.BodyCounts, title.Length, body.Length);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Removes a document by id; its number is never reused. Returns false when absent.</summary>
    public bool Remove(string id)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveCore(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool TryGetDoc(string id, out int doc)
    {
        _lock.EnterReadLock();
        try
        {
            return _docById.TryGetValue(id, out doc);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public string IdOf(int doc)
    {
        _lock.EnterReadLock();
        try
        {
            return (uint)doc < (uint)_slots ? _ids[doc] ?? throw new KeyNotFoundException($"Document {doc} was removed.") : throw new ArgumentOutOfRangeException(nameof(doc));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The id of a document number, or null when that document was removed.</summary>
    public string? TryIdOf(int doc)
    {
        _lock.EnterReadLock();
        try
        {
            return (uint)doc < (uint)_slots ? _ids[doc] : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<SearchHit> Search(string query, int k)
    {
        _lock.EnterReadLock();
        try
        {
            var queryTerms = new QueryTerms(_vocabulary);
            Analyzer.Analyze(query, ref queryTerms);
            return Rank(queryTerms, k);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Like <see cref="Search"/>, with the query words each hit matched and the share of the query it
    /// covers; <paramref name="weighting"/> lowers the weight of generic words (none by default, so
    /// BM25 stays comparable with Lucene's).
    /// </summary>
    public IReadOnlyList<LexicalHit> SearchExplained(string query, int k, QueryWeighting? weighting = null)
    {
        _lock.EnterReadLock();
        try
        {
            var queryTerms = new QueryTerms(_vocabulary, weighting);
            Analyzer.Analyze(query, ref queryTerms);
            var hits = Rank(queryTerms, k);

            // Coverage weighs each query word by its idf (an unknown word by the highest idf, that of
            // a word no document holds), so matching the rare, telling words of a query counts most.
            var idfs = new double[queryTerms.Terms.Count];
            var total = queryTerms.UnknownWeight * Idf(0);
            for (var t = 0; t < idfs.Length; t++)
            {
                var term = queryTerms.Terms[t];
                idfs[t] = Idf(_documentFrequency[term.Id]) * term.Weight;
                total += idfs[t];
            }

            var result = new LexicalHit[hits.Length];
            for (var i = 0; i < hits.Length; i++)
            {
                var docTerms = _docTerms[hits[i].Doc];
                var matched = new List<string>();
                var covered = 0.0;
                for (var t = 0; t < idfs.Length; t++)
                {
                    var term = queryTerms.Terms[t];
                    if (Array.BinarySearch(docTerms, term.Id) >= 0)
                    {
                        matched.Add(term.Surface);
                        covered += idfs[t];
                    }
                }

                result[i] = new LexicalHit(hits[i].Doc, hits[i].Score, matched, total > 0 ? covered / total : 0);
            }

            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Lucene's BM25 idf, always positive: ln(1 + (N - df + 0.5) / (df + 0.5)).</summary>
    private double Idf(int df) => Math.Log(1 + ((_live - df + 0.5) / (df + 0.5)));

    public void Dispose() => _lock.Dispose();

    private SearchHit[] Rank(QueryTerms queryTerms, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        EnsureNorms();
        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new Scratch();
        }

        try
        {
            scratch.EnsureCapacity(_slots);
            var scores = scratch.Scores;
            var touched = scratch.Touched;
            var touchedCount = 0;
            var p = _parameters;
            var k1PlusOne = p.K1 + 1f;
            var skipRemoved = _removedNotCompacted > 0;

            foreach (var term in queryTerms.Terms)
            {
                var df = _documentFrequency[term.Id];
                if (df == 0)
                {
                    continue;
                }

                var weight = term.Count * term.Weight * (float)Idf(df) * k1PlusOne;
                var postings = _postings[term.Id];
                touchedCount = p.PerFieldLength
                    ? ScorePerField(postings, weight, p, scores, touched, touchedCount, skipRemoved)
                    : ScoreCombined(postings, weight, p, scores, touched, touchedCount, skipRemoved);
            }

            var top = new TopK(Math.Min(k, touchedCount));
            for (var i = 0; i < touchedCount; i++)
            {
                var doc = touched[i];
                top.Add(doc, scores[doc]);
                scores[doc] = 0f;
            }

            return top.ToArray();
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private int ScoreCombined(PostingList postings, float weight, Bm25Parameters p, float[] scores, int[] touched, int touchedCount, bool skipRemoved)
    {
        var docs = postings.Docs;
        var titleCounts = postings.TitleCounts;
        var bodyCounts = postings.BodyCounts;
        var norms = _lengthNorm;
        var titleWeight = p.TitleWeight;
        var bodyWeight = p.BodyWeight;
        for (var i = 0; i < postings.Count; i++)
        {
            var doc = docs[i];
            if (skipRemoved && _ids[doc] is null)
            {
                continue;
            }

            var tf = (titleWeight * titleCounts[i]) + (bodyWeight * bodyCounts[i]);
            if (tf == 0f)
            {
                continue;
            }

            if (scores[doc] == 0f)
            {
                touched[touchedCount++] = doc;
            }

            scores[doc] += weight * tf / (tf + norms[doc]);
        }

        return touchedCount;
    }

    private int ScorePerField(PostingList postings, float weight, Bm25Parameters p, float[] scores, int[] touched, int touchedCount, bool skipRemoved)
    {
        var docs = postings.Docs;
        var titleCounts = postings.TitleCounts;
        var bodyCounts = postings.BodyCounts;
        var titleNorm = _titleNorm;
        var bodyNorm = _bodyNorm;
        var k1 = p.K1;
        for (var i = 0; i < postings.Count; i++)
        {
            var doc = docs[i];
            if (skipRemoved && _ids[doc] is null)
            {
                continue;
            }

            var tf = (titleCounts[i] * titleNorm[doc]) + (bodyCounts[i] * bodyNorm[doc]);
            if (tf == 0f)
            {
                continue;
            }

            if (scores[doc] == 0f)
            {
                touched[touchedCount++] = doc;
            }

            scores[doc] += weight * tf / (tf + k1);
        }

        return touchedCount;
    }

    // Called under the read lock: writers are excluded, concurrent readers race only to rebuild once.
    private void EnsureNorms()
    {
        if (!_normsStale)
        {
            return;
        }

        lock (_normsGate)
        {
            if (!_normsStale)
            {
                return;
            }

            var p = _parameters;
            var live = Math.Max(_live, 1);
            var lengthNorm = new float[_slots];
            var titleNorm = new float[_slots];
            var bodyNorm = new float[_slots];
            var averageLength = ((p.TitleWeight * _titleLengthSum) + (p.BodyWeight * _bodyLengthSum)) / live;
            var averageTitle = (double)_titleLengthSum / live;
            var averageBody = (double)_bodyLengthSum / live;
            for (var d = 0; d < _slots; d++)
            {
                var length = (p.TitleWeight * _titleLength[d]) + (p.BodyWeight * _bodyLength[d]);
                lengthNorm[d] = (float)(p.K1 * (1 - p.B + (averageLength > 0 ? p.B * length / averageLength : 0)));
                titleNorm[d] = (float)(p.TitleWeight / (1 - p.B + (averageTitle > 0 ? p.B * _titleLength[d] / averageTitle : 0)));
                bodyNorm[d] = (float)(p.BodyWeight / (1 - p.B + (averageBody > 0 ? p.B * _bodyLength[d] / averageBody : 0)));
            }

            _lengthNorm = lengthNorm;
            _titleNorm = titleNorm;
            _bodyNorm = bodyNorm;
            _normsStale = false;
        }
    }

    private int Append(string id, int[] terms, float[] titleCounts, float[] bodyCounts, int titleWords, int bodyWords)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        RemoveCore(id);
        var doc = _slots;
        if (doc == _ids.Length)
        {
            var capacity = _ids.Length * 2;
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _titleLength, capacity);
            Array.Resize(ref _bodyLength, capacity);
            Array.Resize(ref _docTerms, capacity);
        }

        while (_postings.Count < _vocabulary.Count)
        {
            _postings.Add(new PostingList());
            _documentFrequency.Add(0);
        }

        foreach (var term in terms)
        {
            _postings[term].Add(doc, titleCounts[term], bodyCounts[term]);
            _documentFrequency[term]++;
        }

        _ids[doc] = id;
        _docById[id] = doc;
        _titleLength[doc] = titleWords;
        _bodyLength[doc] = bodyWords;
        _docTerms[doc] = terms;
        _titleLengthSum += titleWords;
        _bodyLengthSum += bodyWords;
        _slots++;
        _live++;
        _normsStale = true;
        return doc;
    }

    private bool RemoveCore(string id)
    {
        if (!_docById.Remove(id, out var doc))
        {
            return false;
        }

        foreach (var term in _docTerms[doc])
        {
            _documentFrequency[term]--;
        }

        _ids[doc] = null;
        _docTerms[doc] = [];
        _titleLengthSum -= _titleLength[doc];
        _bodyLengthSum -= _bodyLength[doc];
        _titleLength[doc] = 0;
        _bodyLength[doc] = 0;
        _live--;
        _removedNotCompacted++;
        _normsStale = true;

        if (_removedNotCompacted >= Math.Max(MinimumSlots, _slots * CompactionShare))
        {
            foreach (var postings in _postings)
            {
                postings.RemoveWhere(d => _ids[d] is null);
            }

            _removedNotCompacted = 0;
        }

        return true;
    }

    /// <summary>Per-search buffers, pooled so a search allocates only its result.</summary>
    private sealed class Scratch
    {
        public float[] Scores { get; private set; } = [];

        public int[] Touched { get; private set; } = [];

        public void EnsureCapacity(int slots)
        {
            if (Scores.Length < slots)
            {
                var capacity = Math.Max(slots, Scores.Length * 2);
                Scores = new float[capacity];
                Touched = new int[capacity];
            }
        }
    }
}
