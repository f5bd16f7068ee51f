using System.Collections.Concurrent;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// Embeds the texts of callers that arrive together in one inference call. MiniLM on a CPU costs
/// about the same per word piece however it is called, but one call over many short queries keeps
/// the matrix kernels busier than many calls over one each: a third less CPU per query at 4-32
/// queries a call on the 2-core machine of docs/performance.md. There is no waiting window: an
/// idle batcher embeds a lone text at once; texts arriving while a batch runs form the next one.
/// Each caller gets its own text's vector, bit for bit what embedding it alone gives
/// (<see cref="MiniLmEmbedder.EmbedBatch"/> pads each row with masked [PAD] pieces only).
/// </summary>
public sealed class EmbeddingBatcher : IDisposable
{
    private readonly Func<IReadOnlyList<string>, float[][]> _embedBatch;
    private readonly int _maxBatchSize;
    private readonly BlockingCollection<Waiting> _queue = [];
    private readonly Thread[] _workers;
    private int _pending;

    /// <param name="embedBatch">Embeds texts in input order (<see cref="MiniLmEmbedder.EmbedBatch"/>).</param>
    /// <param name="maxBatchSize">Most texts per call; the embedder may split them further by length.</param>
    /// <param name="workers">
    /// Batches embedded at the same time, each on its own thread. One per replica on a 2-core machine
    /// running two: more would only make the replicas' inferences take turns on the same cores.
    /// </param>
    public EmbeddingBatcher(Func<IReadOnlyList<string>, float[][]> embedBatch, int maxBatchSize = 32, int workers = 1)
    {
        ArgumentNullException.ThrowIfNull(embedBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _embedBatch = embedBatch;
        _maxBatchSize = maxBatchSize;

        // Dedicated threads, not the thread pool: an inference holds its thread for milliseconds of
        // CPU, which the pool would read as a blocked worker and answer by starting more threads.
        _workers = [.. Enumerable.Range(0, workers).Select(i => new Thread(Run) { IsBackground = true, Name = $"embedding batcher {i}" })];
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    /// <summary>Texts waiting for a batch or being embedded now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// The text's vector, embedded with whatever else is waiting. Cancelling gives up the wait at once;
    /// a text whose caller cancelled before its batch started is not embedded at all.
    /// </summary>
    public Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<float[]>(cancellationToken);
        }

        var pending = new Waiting(text, cancellationToken);
        Interlocked.Increment(ref _pending);
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Disposed: nothing will take the text any more.
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(EmbeddingBatcher));
        }

        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<Waiting>(_maxBatchSize);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            Take(first, batch);
            while (batch.Count < _maxBatchSize && _queue.TryTake(out var next))
            {
                Take(next, batch);
            }

            if (batch.Count > 0)
            {
                Embed(batch);
            }
        }
    }

    // A caller that has already given up costs no inference.
    private void Take(Waiting pending, List<Waiting> batch)
    {
        if (pending.Task.IsCompleted)
        {
            Interlocked.Decrement(ref _pending);
            return;
        }

        batch.Add(pending);
    }

    private void Embed(List<Waiting> batch)
    {
        float[][]? vectors = null;
        Exception? failure = null;
        try
        {
            vectors = _embedBatch([.. batch.Select(p => p.Text)]);
            if (vectors.Length != batch.Count)
            {
                throw new InvalidOperationException($"The embedder returned {vectors.Length} vectors for {batch.Count} texts.");
            }
        }
        catch (Exception ex)
        {
            // Not swallowed: every caller in this batch gets the failure, and the worker lives on for the next batch.
            failure = ex;
        }

        // No longer pending by the time any caller resumes.
        Interlocked.Add(ref _pending, -batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (failure is null)
            {
                batch[i].Complete(vectors![i]);
            }
            else
            {
                batch[i].Fail(failure);
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join();
        }

        _queue.Dispose();
    }

    private sealed class Waiting
    {
        private readonly TaskCompletionSource<float[]> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancellation;

        public Waiting(string text, CancellationToken cancellationToken)
        {
            Text = text;
            _cancellation = cancellationToken.Register(static state =>
            {
                var (result, token) = ((TaskCompletionSource<float[]>, CancellationToken))state!;
                result.TrySetCanceled(token);
            }, (_result, cancellationToken));
        }

        public string Text { get; }

        public Task<float[]> Task => _result.Task;

        public void Complete(float[] vector)
        {
            _cancellation.Dispose();
            _result.TrySetResult(vector);
        }

        public void Fail(Exception exception)
        {
            _cancellation.Dispose();
            _result.TrySetException(exception);
        }
    }
}
