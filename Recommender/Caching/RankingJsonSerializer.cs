using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Recommend.Contracts.Recommendations;

namespace Recommend.Recommender.Caching;

/// <summary>Cached rankings as the API's own source-generated JSON, so Redis holds what a client would read.</summary>
public sealed class RankingJsonSerializer : IHybridCacheSerializer<RecommendationResponse>
{
    public RecommendationResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize(ref reader, RecommendationJsonContext.Default.RecommendationResponse)
            ?? throw new JsonException("A cached ranking is JSON null.");
    }

    public void Serialize(RecommendationResponse value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, RecommendationJsonContext.Default.RecommendationResponse);
    }
}
