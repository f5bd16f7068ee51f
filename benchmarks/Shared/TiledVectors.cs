using Recommend.Matching.Text.Semantic;

namespace Recommend.Benchmarks;

/// <summary>
/// Grows a few thousand real MiniLM vectors into a large dense index for timing: item i takes
/// sample vector (i mod sample size), unchanged for the sample itself and with small seeded
/// Gaussian noise (re-normalised) after it. Query cost depends on how many vectors there are,
/// not on what they say, so this keeps the timing honest without an hour of embedding.
/// Shared by both benchmark programs (linked source), so they tile identically.
/// </summary>
public static class TiledVectors
{
    public const float NoisePerDimension = 0.015f;
    private const int Seed = 11;

    public static DenseIndex Expand(DenseIndex real, IReadOnlyList<string> sampleIds, IReadOnlyList<string> allIds)
    {
        var index = new DenseIndex(real.Dimensions);
        var random = new Random(Seed);
        var vector = new float[real.Dimensions];
        for (var i = 0; i < allIds.Count; i++)
        {
            var source = real.GetVector(sampleIds[i % sampleIds.Count]);
            if (i < sampleIds.Count)
            {
                index.Add(allIds[i], source);
                continue;
            }

            var norm = 0.0;
            for (var d = 0; d < vector.Length; d++)
            {
                // Box-Muller: a standard normal from two uniforms.
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                vector[d] = source[d] + (NoisePerDimension * (float)gaussian);
                norm += vector[d] * vector[d];
            }

            var scale = (float)(1 / Math.Sqrt(norm));
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] *= scale;
            }

            index.Add(allIds[i], vector);
        }

        return index;
    }
}
