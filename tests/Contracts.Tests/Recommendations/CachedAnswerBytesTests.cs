using System.Text;
using System.Text.Json;
using Recommend.Contracts.Recommendations;

namespace Recommend.Contracts.Tests.Recommendations;

public sealed class CachedAnswerBytesTests
{
    private static RecommendationResponse Answer(string challengeWords) => new()
    {
        RequestId = "v1:abc",
        IndexVersion = "v1",
        Cached = false,
        Weights = new AppliedWeights(0.5, 0.2, 0.1, 0.1, 0.1, 0.3),
        // A nested value that looks like the flag, and a string that spells it: neither may change.
        MatchNote = challengeWords,
        Total = 1,
        Offset = 0,
        Limit = 10,
        Results = [],
    };

    [Fact]
    public void TheCopySaysCachedTrueAndIsOtherwiseTheRecommendersBytes()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Answer("\"cached\":false, said the note"), RecommendationJsonContext.Default.RecommendationResponse);

        var marked = CachedAnswerBytes.Mark(bytes);

        Assert.NotNull(marked);
        Assert.Equal("v1", marked.Value.IndexVersion);
        var expected = JsonSerializer.SerializeToUtf8Bytes(Answer("\"cached\":false, said the note") with { Cached = true }, RecommendationJsonContext.Default.RecommendationResponse);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(marked.Value.Cached));
        var read = JsonSerializer.Deserialize(marked.Value.Cached, RecommendationJsonContext.Default.RecommendationResponse)!;
        Assert.True(read.Cached);
        Assert.Equal("\"cached\":false, said the note", read.MatchNote);
    }

    [Fact]
    public void AnAnswerAlreadyCachedIsKeptAsItIs()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Answer("note") with { Cached = true }, RecommendationJsonContext.Default.RecommendationResponse);

        Assert.Equal(bytes, CachedAnswerBytes.Mark(bytes)?.Cached);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"about:blank\",\"title\":\"Busy\",\"status\":503}")]
    [InlineData("{\"index_version\":\"v1\"}")]
    [InlineData("{\"index_version\":\"v1\",\"cached\":fals")]
    public void BytesThatAreNotAnAnswerAreNotCached(string text)
    {
        Assert.Null(CachedAnswerBytes.Mark(Encoding.UTF8.GetBytes(text)));
    }
}
