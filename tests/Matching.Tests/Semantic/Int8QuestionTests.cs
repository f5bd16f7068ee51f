using System.Numerics.Tensors;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Semantic;

namespace Recommend.Matching.Tests.Semantic;

/// <summary>
/// Questions are embedded by the 8-bit model (the default), documents by the full-precision one; the
/// two must agree closely enough that a question still finds what the full model would find.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class Int8QuestionTests(MiniLmEmbedderFixture fixture)
{
    private static readonly string[] Questions =
    [
        "Too many older patients are stuck in hospital waiting for a home care package.",
        "reduce loneliness among older residents in rural villages",
        "Mattresses and builders' waste are dumped weekly in the back alleys behind our terraced streets.",
        "Our high needs block deficit keeps growing and threatens the whole council's finances.",
        "Bins",
        "",
    ];

    private readonly MiniLmEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void QuestionsAreEmbeddedInInt8ByDefaultAndDocumentsInFullPrecision()
    {
        Assert.Equal(MiniLmPrecision.Int8, new MiniLmOptions().QuestionPrecision);
        Assert.Equal(MiniLmPrecision.Int8, _embedder.QuestionPrecision);

        using var full = new MiniLmEmbedder(new MiniLmOptions { QuestionPrecision = MiniLmPrecision.Float32 });
        var documents = _embedder.EmbedBatch(Questions);
        var fullDocuments = full.EmbedBatch(Questions);
        Assert.All(documents.Zip(fullDocuments), pair => Assert.Equal(pair.Second, pair.First));

        var int8 = _embedder.EmbedQuestions(Questions);
        var float32 = full.EmbedQuestions(Questions);
        for (var i = 0; i < Questions.Length; i++)
        {
            Assert.Equal(fullDocuments[i], float32[i]);
            Assert.Equal(1f, TensorPrimitives.Norm(int8[i]), 1e-5f);
            var cosine = TensorPrimitives.Dot(int8[i], float32[i]);
            Assert.InRange(cosine, 0.97f, 0.99999f);
        }
    }

    [Fact]
    public void AnInt8QuestionFindsTheSameClosestDocumentsAsTheFullModel()
    {
        string[] documents =
        [
            "Discharge to assess: patients leave hospital as soon as they are medically fit and are assessed at home.",
            "Befriending and social prescribing for isolated older people in rural areas.",
            "Fly-tipping enforcement with cameras, fixed penalties and a duty of care campaign for householders.",
            "Safety Valve agreements to bring a high needs budget deficit back into balance.",
            "Kerbside food waste collections with free caddy liners.",
        ];

        var vectors = _embedder.EmbedBatch(documents);
        using var full = new MiniLmEmbedder(new MiniLmOptions { QuestionPrecision = MiniLmPrecision.Float32 });
        for (var q = 0; q < 4; q++)
        {
            var int8 = _embedder.EmbedQuestion(Questions[q]);
            var float32 = full.EmbedQuestion(Questions[q]);
            int[] Order(float[] question) => [.. Enumerable.Range(0, documents.Length).OrderByDescending(d => TensorPrimitives.Dot(question, vectors[d]))];
            Assert.Equal(Order(float32), Order(int8));
        }
    }

    [Fact]
    public void ThePackagedModelHasItsThirtySixDenseLayersRewritten()
    {
        var (model, quantised) = Int8Quantizer.Quantize(MiniLmModel.ReadOnnxBytes());
        Assert.Equal(36, quantised);
        Assert.True(model.Length < 0.7 * MiniLmModel.ReadOnnxBytes().Length, $"{model.Length:N0} bytes: the float matrices were not dropped");
    }

    [Fact]
    public void EachColumnUsesTheWholeInt8RangeAndRoundTripsWithinHalfAStep()
    {
        // 3 rows x 3 columns; the last column is all zeros.
        float[] matrix = [1.0f, -0.02f, 0f, -2.54f, 0.01f, 0f, 0.5f, 0.005f, 0f];
        var (values, scales) = Int8Quantizer.QuantizeColumns(matrix, 3, 3);

        Assert.Equal(2.54f / 127, scales[0], 1e-7f);
        Assert.Equal(0.02f / 127, scales[1], 1e-7f);
        Assert.Equal(1f, scales[2]);
        Assert.Equal(-127, values[3]);
        Assert.Equal(-127, values[1]);
        Assert.All(values.Where((_, i) => i % 3 == 2), v => Assert.Equal(0, v));
        for (var i = 0; i < matrix.Length; i++)
        {
            Assert.InRange(Math.Abs((values[i] * scales[i % 3]) - matrix[i]), 0, (scales[i % 3] / 2) + 1e-7f);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Int8Quantizer.QuantizeColumns(matrix, 2, 3));
    }
}
