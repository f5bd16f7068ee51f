using System.Numerics.Tensors;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Tests.Semantic;

public sealed class DenseIndexTests
{
    private const int Dimensions = 384;

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(2_000)]
    public void TopKEqualsABruteForceSortOfAllScores(int k)
    {
        var random = new Random(7);
        var vectors = Enumerable.Range(0, 1_000).ToDictionary(i => $"doc{i:D4}", _ => RandomUnitVector(random));
        var index = new DenseIndex(Dimensions);
        foreach (var (id, vector) in vectors)
        {
            index.Add(id, vector);
        }

        var query = RandomUnitVector(random);
        var expected = vectors
            .Select(pair => new DenseHit(pair.Key, TensorPrimitives.Dot(query, pair.Value)))
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.Id, StringComparer.Ordinal)
            .Take(k)
            .ToArray();

        Assert.Equal(expected, index.Search(query, k));
    }

    [Fact]
    public void EqualScoresKeepTheOrderTheVectorsWereAddedIn()
    {
        var index = new DenseIndex(2);
        index.Add("b", [1, 0]);
        index.Add("c", [1, 0]);
        index.Add("a", [1, 0]);
        index.Add("z", [0, 1]);

        var hits = index.Search([1, 0], 2);

        Assert.Equal(["b", "c"], hits.Select(hit => hit.Id));
    }

    [Fact]
    public void RemovedVectorsAreNotReturnedAndTheRestStayFindable()
    {
        var random = new Random(11);
        var index = new DenseIndex(Dimensions);
        var vectors = Enumerable.Range(0, 50).Select(_ => RandomUnitVector(random)).ToArray();
        for (var i = 0; i < vectors.Length; i++)
        {
            index.Add($"doc{i}", vectors[i]);
        }

        Assert.True(index.Remove("doc3"));
        Assert.False(index.Remove("doc3"));

        Assert.Equal(49, index.Count);
        Assert.DoesNotContain(index.Search(vectors[3], 50), hit => hit.Id == "doc3");
        for (var i = 0; i < vectors.Length; i++)
        {
            if (i != 3)
            {
                Assert.Equal($"doc{i}", index.Search(vectors[i], 1)[0].Id);
                Assert.Equal(vectors[i], index.GetVector($"doc{i}").ToArray());
            }
        }
    }

    [Fact]
    public void AddingAnExistingIdReplacesItsVector()
    {
        var index = new DenseIndex(2);
        index.Add("a", [1, 0]);
        index.Add("a", [0, 1]);

        Assert.Equal(1, index.Count);
        Assert.Equal(1f, index.Search([0, 1], 1)[0].Score);
    }

    [Fact]
    public void ASavedIndexLoadsWithTheSameIdsVectorsAndResults()
    {
        var random = new Random(5);
        var index = new DenseIndex(Dimensions);
        for (var i = 0; i < 200; i++)
        {
            index.Add($"practice-{i}-é", RandomUnitVector(random));
        }

        index.Remove("practice-17-é");
        var query = RandomUnitVector(random);

        using var stream = new MemoryStream();
        index.Save(stream);
        stream.Position = 0;
        var loaded = DenseIndex.Load(stream);

        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.Dimensions, loaded.Dimensions);
        Assert.False(loaded.Contains("practice-17-é"));
        Assert.Equal(index.Search(query, 20), loaded.Search(query, 20));
        Assert.Equal(index.GetVector("practice-5-é").ToArray(), loaded.GetVector("practice-5-é").ToArray());
    }

    [Fact]
    public void LoadingAnotherFormatVersionFailsWithAClearMessage()
    {
        using var stream = new MemoryStream();
        new DenseIndex(4).Save(stream);
        var bytes = stream.ToArray();
        bytes[4] = 99;

        var error = Assert.Throws<InvalidDataException>(() => DenseIndex.Load(new MemoryStream(bytes)));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadingSomethingElseFails()
    {
        using var stream = new MemoryStream("not an index at all"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => DenseIndex.Load(stream));
    }

    [Fact]
    public void VectorsOfTheWrongLengthOrWithNaNAreRejected()
    {
        var index = new DenseIndex(3);

        Assert.Throws<ArgumentException>(() => index.Add("a", [1, 0]));
        Assert.Throws<ArgumentException>(() => index.Add("a", [1, float.NaN, 0]));
        Assert.Throws<ArgumentException>(() => index.Search([1, 0], 1));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void SearchingAnEmptyIndexOrForNothingReturnsNoHits()
    {
        var index = new DenseIndex(2);
        Assert.Empty(index.Search([1, 0], 10));

        index.Add("a", [1, 0]);
        Assert.Empty(index.Search([1, 0], 0));
    }

    private static float[] RandomUnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
