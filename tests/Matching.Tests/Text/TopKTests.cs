using Recommend.Matching.Text;

namespace Recommend.Matching.Tests.Text;

public class TopKTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 5)]
    [InlineData(10, 1000)]
    [InlineData(100, 1000)]
    [InlineData(1000, 300)]
    public void KeepsExactlyWhatAFullSortWouldKeep(int k, int candidates)
    {
        var random = new Random(k * 7919 + candidates);
        // Few distinct scores, so ties are common and the tie-break is exercised.
        var hits = Enumerable.Range(0, candidates).Select(d => new SearchHit(d, random.Next(0, 40) / 4f)).ToArray();
        random.Shuffle(hits);

        var top = new TopK(k);
        foreach (var hit in hits)
        {
            top.Add(hit.Doc, hit.Score);
        }

        var expected = hits.OrderByDescending(h => h.Score).ThenBy(h => h.Doc).Take(k).ToArray();
        Assert.Equal(expected, top.ToArray());
    }

    [Fact]
    public void EqualScoresRankTheLowerDocumentFirstWhateverOrderTheyArriveIn()
    {
        var top = new TopK(2);
        top.Add(9, 1f);
        top.Add(4, 1f);
        top.Add(7, 1f);
        top.Add(3, 0.5f);

        Assert.Equal([new SearchHit(4, 1f), new SearchHit(7, 1f)], top.ToArray());
    }

    [Fact]
    public void ZeroKeepsNothing()
    {
        var top = new TopK(0);
        top.Add(1, 5f);
        Assert.Empty(top.ToArray());
    }
}
