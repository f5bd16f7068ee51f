using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;
using Recommend.Matching.Text.Lexical;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Tests.Text;

/// <summary>
/// PracticeIndex fuses the hits of its explained BM25 search instead of searching BM25 again:
/// that is only right if the explained search finds what the plain one finds and fusing given hits
/// gives what Search gives.
/// </summary>
public sealed class HybridFuseTests
{
    private const int Dimensions = 8;

    [Theory]
    [InlineData("free school meals for primary pupils", FusionMethod.WeightedMinMax, 3)]
    [InlineData("lonely patients and community groups", FusionMethod.WeightedMinMax, 10)]
    [InlineData("young people job search training", FusionMethod.ReciprocalRank, 2)]
    [InlineData("nothing in common", FusionMethod.WeightedMinMax, 5)]
    public void FusingTheExplainedHitsGivesWhatSearchGives(string query, FusionMethod method, int k)
    {
        var documents = Enumerable.Range(0, 60)
            .Select(i => new TextDocument($"doc-{i:D2}", $"Practice {i}", Bodies[i % Bodies.Length] + $" Variant {i}."))
            .ToList();
        using var lexical = LexicalIndex.Build(documents, useMlNet: false);
        var random = new Random(3);
        var dense = new DenseIndex(Dimensions);
        foreach (var document in documents)
        {
            dense.Add(document.Id, UnitVector(random));
        }

        var queryVector = UnitVector(random);
        var settings = new FusionSettings(method, DenseWeight: 0.6f, Depth: 20);
        var hybrid = new HybridRetriever(lexical, dense, _ => queryVector, settings);
        var explained = lexical.SearchExplained(query, Math.Max(k, settings.Depth));

        Assert.Equal(lexical.Search(query, Math.Max(k, settings.Depth)), explained.Select(h => new SearchHit(h.Doc, h.Score)));
        Assert.Equal(hybrid.Search(query, k), hybrid.Fuse([.. explained.Select(h => new SearchHit(h.Doc, h.Score))], queryVector, k));
    }

    private static readonly string[] Bodies =
    [
        "Every primary pupil gets a free hot lunch, which raised attendance and attainment.",
        "Insulation grants for private tenants in fuel poverty cut winter hospital admissions.",
        "One front door for early help, health visiting and parenting support for families.",
        "GP practices refer lonely patients to community groups, walking clubs and advice services.",
        "Young people get careers advice, job search support and training in one place.",
        "Roads outside primary schools close to traffic at drop-off and pick-up times.",
    ];

    private static float[] UnitVector(Random random)
    {
        var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }
}
