using System.ComponentModel.DataAnnotations;

namespace Recommend.Recommender.Index;

/// <summary>
/// Configuration section "Recommend:QueryEmbedding": how challenges waiting to be embedded are
/// batched (<see cref="QueryEmbedder"/>; figures in docs/performance.md).
/// </summary>
public sealed class QueryEmbeddingOptions
{
    public const string Section = "Recommend:QueryEmbedding";

    /// <summary>Most challenges embedded in one inference call.</summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Batches embedded at the same time, one thread each, every one single-threaded inside ONNX
    /// Runtime. One suits the shipped layout (two replicas on two cores); a lone replica on a larger
    /// machine may use more.
    /// </summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 1;
}
