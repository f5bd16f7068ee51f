using System.Numerics.Tensors;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Semantic;

namespace Recommend.Matching.Tests.Semantic;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbedderTests(MiniLmEmbedderFixture fixture)
{
    private const float Tolerance = 1e-5f;

    private static readonly string[] Sentences =
    [
        "Free school meals improve attendance in deprived areas.",
        "Street lighting reduces night-time crime.",
        "",
        "A council pilot paid for home insulation in 400 homes, cutting fuel poverty by a fifth; the effect was 0.3 ± 0.1 standard deviations.",
        "Bins",
        "Social prescribing links patients with community groups, such as walking clubs, art classes and befriending services, to reduce loneliness among older residents.",
    ];

    private readonly MiniLmEmbedder _embedder = fixture.Embedder;

    [Fact]
    public void EmbeddingsHaveTheModelsDimensionsAndUnitLength()
    {
        foreach (var vector in _embedder.EmbedBatch(Sentences))
        {
            Assert.Equal(384, vector.Length);
            Assert.Equal(_embedder.Dimensions, vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(vector), Tolerance);
        }
    }

    [Fact]
    public void EmbeddingTheSameTextTwiceGivesTheSameVector()
    {
        var first = _embedder.Embed(Sentences[0]);
        var second = _embedder.Embed(Sentences[0]);

        Assert.Equal(first, second);
    }

    [Fact]
    public void BatchEmbeddingsMatchSingleEmbeddingsInInputOrder()
    {
        var batch = _embedder.EmbedBatch(Sentences);

        Assert.Equal(Sentences.Length, batch.Length);
        for (var i = 0; i < Sentences.Length; i++)
        {
            AssertClose(_embedder.Embed(Sentences[i]), batch[i]);
        }
    }

    [Theory]
    [InlineData(2, 1 << 20)]
    [InlineData(32, 40)]
    public void BatchesSplitIntoSeveralInferenceCallsKeepTheirOrder(int maxBatchSize, int maxBatchTokens)
    {
        using var smallBatches = new MiniLmEmbedder(new MiniLmOptions { IntraOpThreads = 1, MaxBatchSize = maxBatchSize, MaxBatchTokens = maxBatchTokens });
        var texts = Enumerable.Range(0, 9).Select(i => Sentences[i % Sentences.Length] + new string('!', i)).ToArray();

        var chunked = smallBatches.EmbedBatch(texts);
        var whole = _embedder.EmbedBatch(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(whole[i], chunked[i]);
        }
    }

    [Fact]
    public void ParaphrasesScoreHigherThanUnrelatedSentences()
    {
        var vectors = _embedder.EmbedBatch(
        [
            "How can councils reduce rough sleeping?",
            "Ways local authorities can cut the number of people sleeping on the streets.",
            "The recipe needs two eggs and a cup of flour.",
        ]);

        var paraphrase = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var unrelated = TensorPrimitives.Dot(vectors[0], vectors[2]);

        Assert.True(paraphrase > 0.6f, $"paraphrase cosine {paraphrase}");
        Assert.True(unrelated < 0.2f, $"unrelated cosine {unrelated}");
    }

    [Fact]
    public void SymbolsAreKeptNotDropped()
    {
        // A tokenizer that drops '=' would make these identical; the model was trained seeing them.
        var withSymbol = _embedder.Embed("x = y");
        var without = _embedder.Embed("x y");

        Assert.True(TensorPrimitives.Dot(withSymbol, without) < 0.999f);
    }

    [Fact]
    public void AnEmptyTextGivesAUnitVector()
    {
        var vector = _embedder.Embed(string.Empty);

        Assert.Equal(1f, TensorPrimitives.Norm(vector), Tolerance);
        Assert.All(vector, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void VeryLongTextIsTruncatedNotRejected()
    {
        // 600 words is well past 256 word pieces, so whatever follows them cannot change the vector.
        var head = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"word{i % 37}"));

        var one = _embedder.Embed(head + " the ending is about housing");
        var other = _embedder.Embed(head + " a completely different ending about parks and libraries");

        AssertClose(one, other);
        Assert.Equal(1f, TensorPrimitives.Norm(one), Tolerance);
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameVectorsAsSequentialOnes()
    {
        var sequential = Sentences.Select(_embedder.Embed).ToArray();
        var concurrent = new float[Sentences.Length][];

        Parallel.For(0, Sentences.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = _embedder.Embed(Sentences[i]));

        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"dimension {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
