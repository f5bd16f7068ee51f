using System.Numerics.Tensors;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Tests.Text;

/// <summary>Fusion and the int8 scan, on seeded vectors standing in for embeddings (no model needed).</summary>
public class HybridRetrieverTests
{
    private const int Dimensions = 384;

    private static readonly TextDocument[] Services =
    [
        new("school-meals", "Universal free school meals", "Every primary pupil gets a free hot lunch, which raised attendance."),
        new("warm-homes", "Warm homes grants", "Insulation grants for private tenants in fuel poverty cut winter admissions."),
        new("family-hubs", "Family hubs", "One front door for early help, health visiting and parenting support."),
        new("social-prescribing", "Social prescribing", "GP practices refer lonely patients to community groups and advice."),
        new("youth-hubs", "Youth employment hubs", "Young people get careers advice and job search support in one place."),
        new("school-streets", "School streets", "Roads outside primary schools close to traffic at drop-off times."),
        new("library-hubs", "Library hubs", "Libraries host job clubs, digital skills and warm spaces in winter."),
        new("pothole-team", "Pothole repairs", "A rapid repair team fixes reported potholes within two days."),
    ];

    private static readonly string[] Queries = ["school lunch", "winter warmth", "advice for young people", "support for families", "roads"];

    [Fact]
    public void DenseWeightZeroRanksLikeBm25()
    {
        var (lexical, dense, embed) = Build();
        var hybrid = new HybridRetriever(lexical, dense, embed, new FusionSettings(FusionMethod.WeightedMinMax, DenseWeight: 0f));

        foreach (var query in Queries)
        {
            var expected = lexical.Search(query, 3).Select(h => h.Doc);
            Assert.Equal(expected, hybrid.Search(query, 3).Select(h => h.Doc).Take(expected.Count()));
        }
    }

    [Fact]
    public void DenseWeightOneRanksByExactCosine()
    {
        var (lexical, dense, embed) = Build();
        var hybrid = new HybridRetriever(lexical, dense, embed, new FusionSettings(FusionMethod.WeightedMinMax, DenseWeight: 1f));

        foreach (var query in Queries)
        {
            var vector = embed(query);
            var expected = Services.Select((d, doc) => (doc, score: TensorPrimitives.Dot(vector, dense.GetVector(d.Id))))
                .OrderByDescending(p => p.score).ThenBy(p => p.doc).Take(4).Select(p => p.doc);
            Assert.Equal(expected, hybrid.Search(query, 4).Select(h => h.Doc));
        }
    }

    [Fact]
    public void ReciprocalRankFusionAddsOneOverKPlusRankFromEachSide()
    {
        var (lexical, dense, embed) = Build();
        var hybrid = new HybridRetriever(lexical, dense, embed, new FusionSettings(FusionMethod.ReciprocalRank, DenseWeight: 0.5f, RrfK: 60));
        const string query = "school lunch";
        var lexicalRanks = lexical.Search(query, 200).Select((h, i) => (h.Doc, Rank: i + 1)).ToDictionary(p => p.Doc, p => p.Rank);
        var vector = embed(query);
        var denseRanks = Services.Select((d, doc) => (doc, score: TensorPrimitives.Dot(vector, dense.GetVector(d.Id))))
            .OrderByDescending(p => p.score).ThenBy(p => p.doc).Select((p, i) => (p.doc, Rank: i + 1)).ToDictionary(p => p.doc, p => p.Rank);

        foreach (var hit in hybrid.Search(query, Services.Length))
        {
            var expected = (lexicalRanks.TryGetValue(hit.Doc, out var l) ? 0.5f / (60 + l) : 0f) + (0.5f / (60 + denseRanks[hit.Doc]));
            Assert.Equal(expected, hit.Score, 6);
        }
    }

    [Fact]
    public void Int8ScanFindsTheExactTopTenAndReturnsExactScores()
    {
        var random = new Random(3);
        var dense = new DenseIndex(Dimensions);
        var ids = new string[3000];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = $"v{i}";
            dense.Add(ids[i], UnitVector(random));
        }

        var quantized = new QuantizedVectors(dense, ids);
        var found = 0;
        for (var q = 0; q < 30; q++)
        {
            var query = UnitVector(random);
            var exact = dense.Search(query, 10).Select(h => h.Id).ToHashSet();
            var hits = quantized.Search(query, 10);
            found += hits.Count(h => exact.Contains(ids[h.Doc]));
            Assert.All(hits, h => Assert.Equal(TensorPrimitives.Dot(query, dense.GetVector(ids[h.Doc])), h.Score, 5));
        }

        // Random 384-d vectors are the hard case (top-10 cosines differ by about 0.005); real embeddings separate more.
        Assert.True(found >= 297, $"found {found} of the 300 exact top-10 rows");
    }

    [Fact]
    public void RowsWithoutAnEmbeddingAreNeverReturned()
    {
        var dense = new DenseIndex(Dimensions);
        var random = new Random(5);
        dense.Add("a", UnitVector(random));
        dense.Add("b", UnitVector(random));

        var quantized = new QuantizedVectors(dense, ["a", null, "b", "missing"]);

        Assert.Equal([0, 2], quantized.Search(UnitVector(random), 10).Select(h => h.Doc).Order());
    }

    private static (LexicalIndex Lexical, DenseIndex Dense, Func<string, float[]> Embed) Build()
    {
        var random = new Random(17);
        var lexical = LexicalIndex.Build(Services, useMlNet: false);
        var dense = new DenseIndex(Dimensions);
        foreach (var document in Services)
        {
            dense.Add(document.Id, UnitVector(random));
        }

        var queryVectors = Queries.ToDictionary(q => q, _ => UnitVector(random));
        return (lexical, dense, q => queryVectors[q]);
    }

    private static float[] UnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
