using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Semantic;

namespace Recommend.Matching.Tests.Semantic;

/// <summary>
/// Concurrent challenges embedded together (<see cref="EmbeddingBatcher"/>): each caller gets its
/// own text's vector, bit for bit what embedding it alone gives, and a cancelled or failed call
/// never loses or mixes up anyone else's. Batches are made deterministic by holding the first
/// inference until every other caller is queued behind it.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class EmbeddingBatcherTests(MiniLmEmbedderFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Lengths from two word pieces to well over a hundred, so a batch pads its rows very unevenly.
    private static readonly string[] Challenges =
    [
        "Bins",
        "reduce loneliness among older residents in rural villages",
        "cut the number of families in temporary accommodation (request 1765116000-0-17)",
        "improve school attendance for children with special educational needs",
        "get more young people into work or training",
        "help tenants in cold damp private rented homes",
        "reduce emergency hospital admissions for frail older people living alone after a fall, where the ambulance service reports long waits and the hospital discharges them without a care package, so they are readmitted within a month",
        "make walking and cycling to school safer",
        "rough sleeping",
        "support carers who are close to breaking point (request 1765116000-1-4242)",
        "increase recycling rates on estates with communal bins; residents say the bins are always full and contaminated, and the contractor charges for every rejected load",
        "help small businesses on the high street survive",
    ];

    [Fact]
    public async Task ConcurrentCallersEachGetTheVectorTheirTextGetsAlone()
    {
        var alone = Challenges.Select(fixture.Embedder.Embed).ToArray();
        using var gate = new HeldFirstCall(fixture.Embedder.EmbedBatch);
        using var batcher = new EmbeddingBatcher(gate.Embed, maxBatchSize: 32);

        var first = batcher.EmbedAsync(Challenges[0]);
        await gate.FirstCallStarted.WaitAsync(Patience);
        var rest = Challenges.Skip(1).Select(c => batcher.EmbedAsync(c)).ToArray();
        gate.Release();
        var vectors = await Task.WhenAll([first, .. rest]).WaitAsync(Patience);

        // The first text alone, then every other one in a single call: batched, not one by one.
        Assert.Equal([1, Challenges.Length - 1], gate.BatchSizes);
        for (var i = 0; i < Challenges.Length; i++)
        {
            Assert.Equal(alone[i], vectors[i]);
        }
    }

    [Fact]
    public async Task ACallerThatCancelsIsNotEmbeddedAndNobodyElseIsAffected()
    {
        using var gate = new HeldFirstCall(FakeEmbed);
        using var batcher = new EmbeddingBatcher(gate.Embed);
        var first = batcher.EmbedAsync("first");
        await gate.FirstCallStarted.WaitAsync(Patience);

        using var cancel = new CancellationTokenSource();
        var before = batcher.EmbedAsync("before");
        var cancelled = batcher.EmbedAsync("cancelled", cancel.Token);
        var after = batcher.EmbedAsync("after");
        await cancel.CancelAsync();

        // The wait ends at once, while the first inference is still held.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        gate.Release();

        Assert.Equal(FakeEmbed(["first"])[0], await first.WaitAsync(Patience));
        Assert.Equal(FakeEmbed(["before"])[0], await before.WaitAsync(Patience));
        Assert.Equal(FakeEmbed(["after"])[0], await after.WaitAsync(Patience));
        Assert.DoesNotContain("cancelled", gate.Texts);
        Assert.Equal(0, batcher.Pending);
    }

    [Fact]
    public async Task AFailedBatchFailsItsOwnCallersOnlyAndTheNextBatchIsEmbedded()
    {
        using var gate = new HeldFirstCall(texts => texts.Contains("poison") ? throw new InvalidOperationException("model failed") : FakeEmbed(texts));
        using var batcher = new EmbeddingBatcher(gate.Embed);
        var first = batcher.EmbedAsync("first");
        await gate.FirstCallStarted.WaitAsync(Patience);
        var poisoned = batcher.EmbedAsync("poison");
        var sameBatch = batcher.EmbedAsync("same batch");
        gate.Release();

        Assert.Equal(FakeEmbed(["first"])[0], await first.WaitAsync(Patience));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned.WaitAsync(Patience));
        Assert.Equal("model failed", failure.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sameBatch.WaitAsync(Patience));

        Assert.Equal(FakeEmbed(["later"])[0], await batcher.EmbedAsync("later").WaitAsync(Patience));
        Assert.Equal(0, batcher.Pending);
    }

    [Fact]
    public async Task AnEmbedderReturningTooFewVectorsFailsTheBatchRatherThanMixingCallersUp()
    {
        using var gate = new HeldFirstCall(texts => FakeEmbed(texts).Take(1).ToArray());
        using var batcher = new EmbeddingBatcher(gate.Embed);
        var first = batcher.EmbedAsync("first");
        await gate.FirstCallStarted.WaitAsync(Patience);
        var a = batcher.EmbedAsync("a");
        var b = batcher.EmbedAsync("b");
        gate.Release();

        Assert.Equal(FakeEmbed(["first"])[0], await first.WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(Patience));
    }

    [Fact]
    public async Task NoBatchIsLargerThanTheLimit()
    {
        using var gate = new HeldFirstCall(FakeEmbed);
        using var batcher = new EmbeddingBatcher(gate.Embed, maxBatchSize: 4);
        var first = batcher.EmbedAsync("first");
        await gate.FirstCallStarted.WaitAsync(Patience);
        var texts = Enumerable.Range(0, 10).Select(i => $"text {i}").ToArray();
        var rest = texts.Select(t => batcher.EmbedAsync(t)).ToArray();
        gate.Release();

        var vectors = await Task.WhenAll(rest).WaitAsync(Patience);
        await first.WaitAsync(Patience);
        Assert.Equal([1, 4, 4, 2], gate.BatchSizes);
        Assert.Equal(texts.Select(t => FakeEmbed([t])[0]), vectors);
    }

    [Fact]
    public async Task EmbeddingAfterDisposeIsRefused()
    {
        var batcher = new EmbeddingBatcher(FakeEmbed);
        Assert.Equal(FakeEmbed(["x"])[0], await batcher.EmbedAsync("x").WaitAsync(Patience));
        batcher.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.EmbedAsync("y"); });
    }

    // A vector that says which text it came from.
    private static float[][] FakeEmbed(IReadOnlyList<string> texts) =>
        [.. texts.Select(t => new[] { t.Length, (float)StringComparer.Ordinal.GetHashCode(t) })];

    /// <summary>Holds the first inference until released, recording every call's texts.</summary>
    private sealed class HeldFirstCall(Func<IReadOnlyList<string>, float[][]> embed) : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private readonly TaskCompletionSource _firstCallStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<IReadOnlyList<string>> _calls = [];

        public Task FirstCallStarted => _firstCallStarted.Task;

        public List<int> BatchSizes
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls.Select(c => c.Count)];
                }
            }
        }

        public List<string> Texts
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls.SelectMany(c => c)];
                }
            }
        }

        public void Release() => _release.Set();

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            lock (_calls)
            {
                _calls.Add([.. texts]);
            }

            _firstCallStarted.TrySetResult();
            _release.Wait(Patience);
            return embed(texts);
        }

        public void Dispose() => _release.Dispose();
    }
}
