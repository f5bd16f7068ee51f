using Recommend.Matching.Text;
using Recommend.Matching.Text.Analysis;
using Recommend.Matching.Text.Lexical;

namespace Recommend.Matching.Tests.Text;

public class LexicalIndexTests
{
    private static readonly TextDocument[] Tiny =
    [
        new("d1", "", "apple banana"),
        new("d2", "", "apple apple cherry"),
        new("d3", "", "banana cherry cherry cherry"),
    ];

    private static readonly TextDocument[] Services =
    [
        new("school-meals", "Universal free school meals", "Every primary pupil gets a free hot lunch, which raised attendance and attainment."),
        new("warm-homes", "Warm homes grants", "Insulation grants for private tenants in fuel poverty cut winter hospital admissions."),
        new("family-hubs", "Family hubs", "One front door for early help, health visiting and parenting support for families."),
        new("social-prescribing", "Social prescribing link workers", "GP practices refer lonely patients to community groups, walking clubs and advice services."),
        new("youth-hubs", "Youth employment hubs", "Young people get careers advice, job search support and training in one place."),
        new("school-streets", "School streets", "Roads outside primary schools close to traffic at drop-off and pick-up times."),
    ];

    [Fact]
    public void ScoresMatchBm25ComputedByHand()
    {
        // N=3, df(apple)=2: idf = ln(1 + 1.5/2.5) = 0.470004; avgdl = 3, k1 = 0.9, b = 0.4.
        // d1: tf 1, dl 2 -> 0.470004 * 1.9 * 1 / (1 + 0.9 * (0.6 + 0.4 * 2/3)) = 0.501689
        // d2: tf 2, dl 3 -> 0.470004 * 1.9 * 2 / (2 + 0.9) = 0.615867
        using var index = LexicalIndex.Build(Tiny, parameters: new Bm25Parameters(0.9f, 0.4f), useMlNet: false);

        var hits = index.Search("apple", 10);

        Assert.Equal(["d2", "d1"], hits.Select(h => index.IdOf(h.Doc)));
        Assert.Equal(0.615867f, hits[0].Score, 5);
        Assert.Equal(0.501689f, hits[1].Score, 5);
    }

    [Fact]
    public void TitleWeightLiftsADocumentWhoseTitleHasTheWord()
    {
        var documents = new[]
        {
            new TextDocument("body-only", "Annual report", "parking permits parking permits and more on parking"),
            new TextDocument("in-title", "Parking", "permits for residents"),
        };
        using var index = LexicalIndex.Build(documents, useMlNet: false);

        Assert.Equal("body-only", index.IdOf(index.Search("parking", 1)[0].Doc));
        index.Parameters = index.Parameters with { TitleWeight = 5f };
        Assert.Equal("in-title", index.IdOf(index.Search("parking", 1)[0].Doc));
    }

    [Fact]
    public void MlNetAndFastIndexingRankIdentically()
    {
        var options = new AnalyzerOptions(Stem: true, NgramLength: 2);
        using var viaMlNet = LexicalIndex.Build(Services, options, useMlNet: true);
        using var viaFast = LexicalIndex.Build(Services, options, useMlNet: false);

        foreach (var query in new[] { "free school meals", "advice for young people", "hospital admissions in winter", "primary schools" })
        {
            var expected = viaFast.Search(query, 10).Select(h => (viaFast.IdOf(h.Doc), h.Score));
            var actual = viaMlNet.Search(query, 10).Select(h => (viaMlNet.IdOf(h.Doc), h.Score));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void RemovingADocumentScoresAsIfItHadNeverBeenAdded()
    {
        using var full = LexicalIndex.Build(Services, useMlNet: false);
        using var without = LexicalIndex.Build(Services.Where(d => d.Id != "school-meals").ToArray(), useMlNet: false);

        Assert.True(full.Remove("school-meals"));

        Assert.Equal(Services.Length - 1, full.Count);
        Assert.False(full.TryGetDoc("school-meals", out _));
        foreach (var query in new[] { "school", "free hot lunch", "support" })
        {
            var expected = without.Search(query, 10).Select(h => (without.IdOf(h.Doc), h.Score));
            var actual = full.Search(query, 10).Select(h => (full.IdOf(h.Doc), h.Score));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void RemovingAnUnknownIdReportsFalse()
    {
        using var index = LexicalIndex.Build(Services, useMlNet: false);
        Assert.False(index.Remove("no-such-practice"));
        Assert.Equal(Services.Length, index.Count);
    }

    [Fact]
    public void AddingAnExistingIdReplacesTheDocument()
    {
        using var index = LexicalIndex.Build(Services, useMlNet: false);

        index.Add(new TextDocument("warm-homes", "Heat pumps", "Air source heat pumps fitted in council housing."));

        Assert.Equal(Services.Length, index.Count);
        Assert.Empty(index.Search("insulation", 10));
        Assert.Equal("warm-homes", index.IdOf(index.Search("heat pumps", 1)[0].Doc));
    }

    [Fact]
    public void ManyAddsAndRemovesKeepStatisticsExact()
    {
        var random = new Random(7);
        using var index = new LexicalIndex();
        var live = new Dictionary<string, TextDocument>();
        for (var step = 0; step < 400; step++)
        {
            var source = Services[random.Next(Services.Length)];
            var id = $"p{random.Next(60)}";
            if (random.Next(3) == 0)
            {
                index.Remove(id);
                live.Remove(id);
            }
            else
            {
                var document = source with { Id = id };
                index.Add(document);
                live[id] = document;
            }
        }

        using var fresh = LexicalIndex.Build(live.Values.ToArray(), useMlNet: false);
        Assert.Equal(fresh.Count, index.Count);
        foreach (var query in new[] { "school", "advice support", "grants for tenants" })
        {
            var expected = fresh.Search(query, 100).Select(h => (fresh.IdOf(h.Doc), h.Score)).OrderBy(p => p.Item1, StringComparer.Ordinal);
            var actual = index.Search(query, 100).Select(h => (index.IdOf(h.Doc), h.Score)).OrderBy(p => p.Item1, StringComparer.Ordinal);
            Assert.Equal(expected.Select(p => p.Item1), actual.Select(p => p.Item1));
            Assert.Equal(expected.Select(p => p.Score), actual.Select(p => p.Score), (x, y) => Math.Abs(x - y) < 1e-5f);
        }
    }

    [Fact]
    public void SaveAndLoadGiveTheSameIndex()
    {
        using var index = LexicalIndex.Build(Services, new AnalyzerOptions(Stem: true), new Bm25Parameters(1.2f, 0.75f, TitleWeight: 2f), useMlNet: false);
        index.Remove("family-hubs");

        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        using var loaded = LexicalIndex.Load(stream);

        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.Parameters, loaded.Parameters);
        Assert.Equal(index.Analyzer.Options, loaded.Analyzer.Options);
        foreach (var query in new[] { "schools", "family support", "advice", "grants" })
        {
            Assert.Equal(
                index.Search(query, 10).Select(h => (index.IdOf(h.Doc), h.Doc, h.Score)),
                loaded.Search(query, 10).Select(h => (loaded.IdOf(h.Doc), h.Doc, h.Score)));
        }

        loaded.Add(new TextDocument("family-hubs", "Family hubs", "Back again after loading."));
        Assert.Equal("family-hubs", loaded.IdOf(loaded.Search("again after loading", 1)[0].Doc));
    }

    [Fact]
    public void LoadingAnotherFormatVersionFailsClearly()
    {
        using var index = LexicalIndex.Build(Services, useMlNet: false);
        using var stream = new MemoryStream();
        index.Save(stream);
        var saved = stream.ToArray();
        var otherVersion = saved.ToArray();
        otherVersion[4] = 99;
        var truncated = saved[..(saved.Length / 2)];

        var error = Assert.Throws<InvalidDataException>(() => LexicalIndex.Load(new MemoryStream(otherVersion)));
        Assert.Contains("format 99", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => LexicalIndex.Load(new MemoryStream("not an index"u8.ToArray())));
        Assert.Throws<InvalidDataException>(() => LexicalIndex.Load(new MemoryStream(truncated)));
    }

    [Fact]
    public void HitsListTheQueryWordsTheyMatched()
    {
        using var index = LexicalIndex.Build(Services, new AnalyzerOptions(Stem: true), useMlNet: false);

        var hits = index.SearchExplained("Schools closing streets to traffic", 3);

        Assert.Equal("school-streets", index.IdOf(hits[0].Doc));
        // "closing" matches "close" through the stemmer, and is shown as the user typed it.
        Assert.Equal(["schools", "closing", "streets", "traffic"], hits[0].MatchedTerms);
        Assert.All(hits, h => Assert.NotEmpty(h.MatchedTerms));
    }

    [Fact]
    public void QueriesOfOnlyUnknownOrStopWordsReturnNothing()
    {
        using var index = LexicalIndex.Build(Services, useMlNet: false);
        Assert.Empty(index.Search("zebra quokka", 10));
        Assert.Empty(index.Search("the and of", 10));
        Assert.Empty(index.Search("", 10));
    }

    [Fact]
    public void ConcurrentSearchesAgreeWithASingleThread()
    {
        using var index = LexicalIndex.Build(Services, useMlNet: false);
        var queries = new[] { "school", "advice", "grants", "families health", "traffic" };
        var expected = queries.Select(q => index.Search(q, 5)).ToArray();

        Parallel.For(0, 2000, i =>
        {
            var q = i % queries.Length;
            Assert.Equal(expected[q], index.Search(queries[q], 5));
        });
    }
}
