extern alias IngestApp;

using IngestApp::Recommend.Ingest;
using IngestApp::Recommend.Ingest.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

namespace Recommend.Benchmarks.WritePath;

/// <summary>
/// Publishes the starting catalogue as ingest does (IndexPublisher). The shipped catalogue alone is
/// embedded for real. A grown one takes tiled vectors for every practice, the shipped ones included
/// (<see cref="TiledVectors"/>, from real embeddings of a sample): embedding 100k practices would
/// take most of an hour on 2 cores, and the write path's cost does not depend on what the base's
/// vectors say. Submitted practices are always embedded for real.
/// </summary>
internal static class Catalogue
{
    public static async Task<string> PublishAsync(IConnectionMultiplexer redis, IndexVersionWriter writer, MiniLmEmbedder embedder, IngestTelemetry telemetry, IReadOnlyList<Practice> seed, IReadOnlyList<Practice> synthetic, int denseSample)
    {
        Func<Practice, float[]?>? knownVector = null;
        if (synthetic.Count > 0)
        {
            var sample = synthetic.Take(denseSample).ToList();
            var real = new DenseIndex(embedder.Dimensions);
            var vectors = PracticeEmbedding.EmbedBatch(embedder, sample);
            for (var i = 0; i < sample.Count; i++)
            {
                real.Add(sample[i].Id, vectors[i]);
            }

            var tiled = TiledVectors.Expand(real, [.. sample.Select(p => p.Id)], [.. synthetic.Concat(seed).Select(p => p.Id)]);
            knownVector = p => tiled.Contains(p.Id) ? tiled.GetVector(p.Id).ToArray() : null;
        }

        var publisher = new IndexPublisher(redis, new PracticeIndexBuilder(embedder), writer, telemetry, NullLogger<IndexPublisher>.Instance);
        var outcome = await publisher.PublishAsync([.. seed, .. synthetic], "write-path benchmark", CancellationToken.None, knownVector);
        return outcome.Version;
    }
}
