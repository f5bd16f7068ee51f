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

    /// <summary>
    /// The arithmetic questions are embedded in. Int8 (the default) runs the model's dense layers in
    /// 8-bit integers (<see cref="Int8Quantizer"/>): 1.8 times as fast on this machine's CPU, each vector
    /// within a cosine of 0.99 of the full-precision one, and the usefulness and SciFact figures within
    /// noise of it (docs/evaluation.md). Documents always keep full precision: they are embedded once
    /// per version, so only the question side of each cosine carries the rounding.
    /// </summary>
    public MiniLmPrecision QuestionPrecision { get; set; } = MiniLmPrecision.Int8;
}

/// <summary>The arithmetic a model runs in: see <see cref="MiniLmOptions.QuestionPrecision"/>.</summary>
public enum MiniLmPrecision
{
    Float32,
    Int8,
}
