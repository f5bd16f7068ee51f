using System.ComponentModel.DataAnnotations;

namespace Recommend.Matching.Text.Semantic;

/// <summary>Tuning for <see cref="MiniLmEmbedder"/>; the defaults reproduce the published all-MiniLM-L6-v2 scores.</summary>
public sealed class MiniLmOptions
{
    /// <summary>
    /// Threads ONNX Runtime may use inside one inference. Small by default: the services share a
    /// small machine, and requests already run in parallel with each other.
    /// </summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// Word pieces per text including [CLS] and [SEP]; longer texts are cut. 256 is the length the
    /// model was trained with (its sentence-transformers max_seq_length), so it is what the published
    /// scores assume.
    /// </summary>
    [Range(2, 512)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Most texts per inference call in <see cref="MiniLmEmbedder.EmbedBatch"/>.</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Most padded word pieces per inference call. On CPU only short texts gain from batching, so
    /// full-length texts run a few at a time while short queries still batch by the dozen.
    /// </summary>
    [Range(1, 1 << 20)]
    public int MaxBatchTokens { get; set; } = 512;
}
