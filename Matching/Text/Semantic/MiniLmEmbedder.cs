using System.Numerics.Tensors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 floats, unit length, so a dot product is the cosine),
/// computed offline with ONNX Runtime. Documents (practices, corpus texts) are embedded in full
/// precision, once per version; questions, one per uncached request, by default in 8-bit integers
/// (<see cref="MiniLmOptions.QuestionPrecision"/>), about twice as fast. Each model is loaded on first
/// use, so a process that only asks questions never holds the full-precision one. Thread-safe: one
/// instance is meant to be shared by the whole process, because loading a model costs about a second
/// and 60-90 MB.
/// </summary>
public sealed class MiniLmEmbedder : IDisposable
{
    private const int HiddenSize = 384;

    // How many texts are tokenised ahead so they can be sorted by length before batching: enough to
    // make batches of similar length, few enough that the token buffers stay small.
    private const int BatchesPerWindow = 16;

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly int _maxTokens;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;
    private readonly BertTokenizer _tokenizer;
    private readonly SessionOptions _sessionOptions;
    private readonly Lazy<InferenceSession> _documents;
    private readonly Lazy<InferenceSession> _questions;
    private readonly RunOptions _runOptions = new();
    private bool _disposed;

    public MiniLmEmbedder(MiniLmOptions? options = null)
    {
        options ??= new MiniLmOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchTokens, 1, nameof(options));

        // Copied, so a caller changing the options object later cannot change the cap mid-life.
        _maxTokens = options.MaxTokens;
        _maxBatchSize = options.MaxBatchSize;
        _maxBatchTokens = options.MaxBatchTokens;

        // The tokenizer is only used through its span overload, where the cap is the span length,
        // so one cap holds for the life of this instance and calls on several threads do not share buffers.
        _tokenizer = MiniLmModel.CreateTokenizer();
        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Idle workers would otherwise spin between requests and steal a core from the rest of the service.
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _documents = new(() => Load(MiniLmPrecision.Float32), LazyThreadSafetyMode.ExecutionAndPublication);
        _questions = options.QuestionPrecision == MiniLmPrecision.Float32
            ? _documents
            : new(() => Load(options.QuestionPrecision), LazyThreadSafetyMode.ExecutionAndPublication);
        QuestionPrecision = options.QuestionPrecision;
    }

    public int Dimensions { get; } = HiddenSize;

    /// <summary>The arithmetic questions are embedded in.</summary>
    public MiniLmPrecision QuestionPrecision { get; }

    private InferenceSession Load(MiniLmPrecision precision)
    {
        var onnx = MiniLmModel.ReadOnnxBytes();
        var session = new InferenceSession(precision == MiniLmPrecision.Int8 ? Int8Quantizer.Quantize(onnx).Model : onnx, _sessionOptions);

        // Fail on first use rather than with garbage vectors if the package ever ships a different graph.
        var hidden = session.OutputMetadata[OutputNames[0]].Dimensions;
        if (hidden.Length != 3 || hidden[2] != HiddenSize)
        {
            session.Dispose();
            throw new InvalidOperationException($"Expected a [batch, sequence, {HiddenSize}] output, the model has [{string.Join(", ", hidden)}].");
        }

        return session;
    }

    /// <summary>One document's vector, in full precision.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmbedBatch([text])[0];
    }

    /// <summary>Embeds every document in full precision; the result is in input order. Texts are grouped by length internally so little padding is computed.</summary>
    public float[][] EmbedBatch(IReadOnlyList<string> texts) => EmbedWith(_documents, texts);

    /// <summary>One question's vector, in <see cref="QuestionPrecision"/>.</summary>
    public float[] EmbedQuestion(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmbedQuestions([text])[0];
    }

    /// <summary>Embeds every question in <see cref="QuestionPrecision"/>, in input order, batched as <see cref="EmbedBatch"/> is.</summary>
    public float[][] EmbedQuestions(IReadOnlyList<string> texts) => EmbedWith(_questions, texts);

    private float[][] EmbedWith(Lazy<InferenceSession> model, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = model.Value;

        var embeddings = new float[texts.Count][];
        var window = _maxBatchSize * BatchesPerWindow;
        for (var start = 0; start < texts.Count; start += window)
        {
            var count = Math.Min(window, texts.Count - start);
            var tokens = new long[count][];
            var scratchIds = new long[_maxTokens];
            var scratchMask = new long[_maxTokens];
            for (var i = 0; i < count; i++)
            {
                var text = texts[start + i] ?? throw new ArgumentException($"Text {start + i} is null.", nameof(texts));
                var length = _tokenizer.Encode(text, scratchIds, scratchMask);
                tokens[i] = scratchIds.AsSpan(0, length).ToArray();
            }

            // Shortest first, so each batch is padded only to its own longest text.
            var order = Enumerable.Range(0, count).OrderBy(i => tokens[i].Length).ToArray();
            for (var b = 0; b < count;)
            {
                var size = BatchSizeAt(tokens, order.AsSpan(b));
                RunBatch(session, tokens, order.AsSpan(b, size), start, embeddings);
                b += size;
            }
        }

        return embeddings;
    }

    // Long texts gain nothing from batching (one 256-piece text already fills the matrix kernels,
    // and wider attention spills the caches), short ones gain a fifth, so batches are capped by
    // padded tokens as well as by count.
    private int BatchSizeAt(long[][] tokens, ReadOnlySpan<int> sortedRows)
    {
        var size = 1;
        while (size < sortedRows.Length
            && size < _maxBatchSize
            && (size + 1) * tokens[sortedRows[size]].Length <= _maxBatchTokens)
        {
            size++;
        }

        return size;
    }

    private void RunBatch(InferenceSession session, long[][] tokens, ReadOnlySpan<int> rows, int offset, float[][] embeddings)
    {
        var batch = rows.Length;
        var width = 0;
        foreach (var row in rows)
        {
            width = Math.Max(width, tokens[row].Length);
        }

        var inputIds = new long[batch * width];
        var attentionMask = new long[batch * width];
        var tokenTypeIds = new long[batch * width];
        for (var b = 0; b < batch; b++)
        {
            var ids = tokens[rows[b]];
            // The rest of the row stays 0, the vocabulary's [PAD]; it is masked out anyway.
            ids.CopyTo(inputIds.AsSpan(b * width, width));
            attentionMask.AsSpan(b * width, ids.Length).Fill(1);
        }

        long[] shape = [batch, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(attentionMask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(tokenTypeIds, shape);
        using var outputs = session.Run(_runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();

        for (var b = 0; b < batch; b++)
        {
            var length = tokens[rows[b]].Length;
            var pooled = new float[HiddenSize];
            var sequence = hidden.Slice(b * width * HiddenSize, width * HiddenSize);

            // Mean over the attended tokens only; the mask is a prefix, so those are the first `length` rows.
            for (var t = 0; t < length; t++)
            {
                TensorPrimitives.Add(pooled, sequence.Slice(t * HiddenSize, HiddenSize), pooled);
            }

            TensorPrimitives.Divide(pooled, length, pooled);
            var norm = TensorPrimitives.Norm(pooled);
            TensorPrimitives.Divide(pooled, Math.Max(norm, 1e-12f), pooled);
            embeddings[offset + rows[b]] = pooled;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_documents.IsValueCreated)
        {
            _documents.Value.Dispose();
        }

        if (_questions != _documents && _questions.IsValueCreated)
        {
            _questions.Value.Dispose();
        }

        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }
}
