using System.Numerics.Tensors;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recommend.Matching.Ranking.Learned;

/// <summary>
/// What councils said about practices, question by question, as a model version carries it:
/// the MiniLM vector of each question feedback was given on (not its text), and for each practice
/// the weighted evidence that it was useful or not relevant for those questions, already
/// de-duplicated, capped per client, weighted by trust and corrected for position bias by
/// <c>retrain</c>. A new question borrows the evidence of the questions it resembles, so feedback on
/// one wording of a need helps the others: by the wording (MiniLM cosine above
/// <see cref="FeedbackUse.Similarity"/>) or by what the text match answers (the share of their
/// <see cref="AnswerSize"/> best text matches two questions have in common, above
/// <see cref="FeedbackUse.Overlap"/>), whichever lends more. Two wordings of one need are often no
/// closer in MiniLM than questions about other needs, while their best matches are largely the same
/// practices. Serving reads it in bounded time: one dot product per remembered question (at most
/// <see cref="MaxQuestions"/>), one look-up per practice of the question's own answer, and at most
/// <see cref="MaxEntriesPerPractice"/> entries per candidate.
/// </summary>
public sealed class FeedbackMemory
{
    /// <summary>Questions remembered, the most supported first when there are more.</summary>
    public const int MaxQuestions = 4096;

    /// <summary>Entries kept per practice, the heaviest first.</summary>
    public const int MaxEntriesPerPractice = 64;

    /// <summary>How many of a question's best text matches make its answer (<see cref="AnswerOf"/>).</summary>
    public const int AnswerSize = 10;

    private readonly float[][] _vectors;
    private readonly string[] _keys;
    private readonly string[][] _answers;

    // Practice id -> the remembered questions whose answer holds it: a new question's overlap with every
    // remembered answer costs one lookup per practice in its own answer, not one per remembered question.
    private readonly Dictionary<string, int[]> _answering;
    private readonly Dictionary<string, FeedbackEntry[]> _byPractice;

    /// <param name="vectors">Each remembered question's MiniLM vector.</param>
    /// <param name="keys">Each remembered question's key (<see cref="KeyOf"/>).</param>
    /// <param name="byPractice">Per practice, its evidence from each remembered question.</param>
    /// <param name="use">How the evidence is read.</param>
    /// <param name="answers">Each remembered question's answer (<see cref="AnswerOf"/>), in the order of
    /// <paramref name="keys"/>; absent in versions stored before answers were remembered, which lend by wording alone.</param>
    public FeedbackMemory(IReadOnlyList<float[]> vectors, IReadOnlyList<string> keys, IReadOnlyDictionary<string, FeedbackEntry[]> byPractice, FeedbackUse use, IReadOnlyList<string[]>? answers = null)
    {
        if (vectors.Count != keys.Count || (answers is not null && answers.Count != keys.Count))
        {
            throw new ArgumentException("Each remembered question needs one vector, one key and, when answers are given, one answer.", nameof(keys));
        }

        _vectors = [.. vectors];
        _keys = [.. keys];
        _answers = answers is null ? [] : [.. answers.Select(a => a.Distinct(StringComparer.Ordinal).ToArray())];
        _answering = _answers.SelectMany((a, q) => a.Select(id => (id, q))).GroupBy(x => x.id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.q).ToArray(), StringComparer.Ordinal);
        _byPractice = new Dictionary<string, FeedbackEntry[]>(byPractice, StringComparer.Ordinal);
        Use = use;
    }

    public static FeedbackMemory Empty { get; } = new([], [], new Dictionary<string, FeedbackEntry[]>(), FeedbackUse.None);

    /// <summary>How the evidence is read: the similarity a question must reach and how far it may move the floor.</summary>
    public FeedbackUse Use { get; }

    public int Questions => _vectors.Length;

    public int Practices => _byPractice.Count;

    public bool IsEmpty => _byPractice.Count == 0;

    public IReadOnlyDictionary<string, FeedbackEntry[]> Entries => _byPractice;

    /// <summary>The same evidence read another way (retraining tries several before choosing).</summary>
    public FeedbackMemory With(FeedbackUse use) => new(_vectors, _keys, _byPractice, use, _answers.Length == 0 ? null : _answers);

    /// <summary>A question's answer as the memory compares it: the ids of its <see cref="AnswerSize"/> best text matches, best first.</summary>
    public static string[] AnswerOf(IEnumerable<string> practicesByTextMatch) => [.. practicesByTextMatch.Take(AnswerSize)];

    /// <summary>
    /// Ready to read the evidence for one question: its similarity to every remembered question is
    /// computed once. <paramref name="leaveOut"/> (a question key) ignores that question's own
    /// feedback, so retraining measures what transfers to a question nobody gave feedback on.
    /// </summary>
    /// <param name="questionVector">The question's MiniLM vector.</param>
    /// <param name="leaveOut">A question key whose own feedback is ignored.</param>
    /// <param name="answer">The question's own answer (<see cref="AnswerOf"/>); without it questions lend by wording alone.</param>
    public FeedbackLookup For(float[]? questionVector, string? leaveOut = null, IReadOnlyCollection<string>? answer = null)
    {
        if (questionVector is null || IsEmpty)
        {
            return FeedbackLookup.None;
        }

        var own = answer is { Count: > 0 } && _answers.Length == _vectors.Length && Use.Overlap < 1 ? answer.Distinct(StringComparer.Ordinal).ToArray() : null;
        var shared = own is null ? null : new int[_vectors.Length];
        foreach (var id in own ?? [])
        {
            foreach (var q in _answering.GetValueOrDefault(id) ?? [])
            {
                shared![q]++;
            }
        }

        var kernel = new float[_vectors.Length];
        for (var q = 0; q < _vectors.Length; q++)
        {
            if (leaveOut is not null && _keys[q] == leaveOut)
            {
                continue;
            }

            var cosine = TensorPrimitives.Dot(questionVector, _vectors[q]);
            var lent = Use.Lends(cosine);
            if (shared is not null && shared[q] > 0)
            {
                lent = Math.Max(lent, Use.LendsByAnswer(shared[q] / (double)(own!.Length + _answers[q].Length - shared[q])));
            }

            kernel[q] = (float)lent;
        }

        return new FeedbackLookup(this, kernel);
    }

    /// <summary>
    /// The key a question is remembered by: a short hash of its text folded as the API folds a
    /// challenge (case and spacing), so two requests with the same challenge share it.
    /// </summary>
    public static string KeyOf(string challenge)
    {
        var folded = string.Join(' ', challenge.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(folded)).AsSpan(0, 8));
    }

    internal FeedbackEntry[] EntriesOf(string practiceId) => _byPractice.GetValueOrDefault(practiceId) ?? [];

    public byte[] Serialise() => JsonSerializer.SerializeToUtf8Bytes(
        new StoredFeedbackMemory(Use, _keys, [.. _vectors.Select(v => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan())))], _byPractice, _answers.Length == 0 ? null : _answers),
        FeedbackMemoryJsonContext.Default.StoredFeedbackMemory);

    public static FeedbackMemory Deserialise(byte[] bytes)
    {
        var stored = JsonSerializer.Deserialize(bytes, FeedbackMemoryJsonContext.Default.StoredFeedbackMemory)
            ?? throw new InvalidDataException("The feedback memory is empty.");
        var vectors = stored.Vectors.Select(v => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(v)).ToArray()).ToList();
        if (stored.Entries.Values.SelectMany(e => e).Any(e => e.Question < 0 || e.Question >= vectors.Count))
        {
            throw new InvalidDataException("The feedback memory names a question it does not hold.");
        }

        if (stored.Answers is { } answers && answers.Length != vectors.Count)
        {
            throw new InvalidDataException("The feedback memory holds answers for some of its questions only.");
        }

        return new FeedbackMemory(vectors, stored.Keys, stored.Entries, stored.Use, stored.Answers);
    }

    internal sealed record StoredFeedbackMemory(FeedbackUse Use, string[] Keys, string[] Vectors, Dictionary<string, FeedbackEntry[]> Entries, string[][]? Answers = null);
}

/// <summary>
/// Evidence about one practice from one remembered question (and council, when one was named):
/// weighted "useful" (and "adopted") and weighted "not relevant", each already capped and corrected.
/// </summary>
public sealed record FeedbackEntry(int Question, string? Council, float Useful, float NotRelevant);

/// <summary>
/// How a version reads its feedback memory, chosen by <c>retrain</c> on the training queries.
/// <paramref name="Similarity"/>: the cosine a remembered question must exceed to lend its
/// evidence (its weight rises linearly from 0 there to 1 at identical questions).
/// <paramref name="FloorShift"/>: log-odds added to the relevance floor's chance per unit of net
/// evidence (useful minus not relevant), bounded by <paramref name="MaxShift"/> either way, so
/// feedback can tip a practice the text already makes plausible over the floor, or push one under
/// it, but never carry an unrelated one.
/// <paramref name="MinChance"/>: below this chance from the text alone feedback never lifts a
/// practice (it may still push one down).
/// <paramref name="Ramp"/>: how a question's weight rises above <paramref name="Similarity"/>,
/// <c>((cos - s) / (1 - s))^Ramp</c>: 1 rises linearly to full weight at an identical question
/// (versions stored before the ramp was chosen read as 1), 0 lends full weight to every question
/// above the similarity. Whatever the ramp, a question lends at most its own evidence, so no voice
/// says more than its one vote through the questions like the one it spoke on.
/// <paramref name="Overlap"/>: the share of their answers two questions must have in common (Jaccard
/// of their <see cref="FeedbackMemory.AnswerSize"/> best text matches) for the remembered one to lend
/// by answer, rising above it by the same ramp; 1 (versions stored before answers were remembered) lends
/// by wording alone. A question lends what the larger of the two says, so never more than its own evidence.
/// </summary>
public sealed record FeedbackUse(double Similarity, double FloorShift, double MaxShift, double MinChance, double Ramp = 1, double Overlap = 1)
{
    public static FeedbackUse None { get; } = new(0.6, 0, 0, 1);

    /// <summary>What a remembered question at <paramref name="cosine"/> lends, between 0 and 1 (0 at or below the similarity).</summary>
    public double Lends(double cosine)
    {
        if (cosine <= Similarity)
        {
            return 0;
        }

        var rise = Math.Min(1, (cosine - Similarity) / (1 - Similarity));
        return Math.Pow(rise, Ramp);
    }

    /// <summary>What a remembered question whose answer shares <paramref name="jaccard"/> with this one's lends, between 0 and 1.</summary>
    public double LendsByAnswer(double jaccard)
    {
        if (Overlap >= 1 || jaccard <= Overlap)
        {
            return 0;
        }

        return Math.Pow(Math.Min(1, (jaccard - Overlap) / (1 - Overlap)), Ramp);
    }

    /// <summary>The chance a practice is useful, given the text's chance and the net evidence for this question.</summary>
    public double Adjust(double chance, double netEvidence)
    {
        if (FloorShift == 0 || netEvidence == 0 || (netEvidence > 0 && chance < MinChance))
        {
            return chance;
        }

        var shift = Math.Clamp(FloorShift * netEvidence, -MaxShift, MaxShift);
        var clamped = Math.Clamp(chance, 1e-6, 1 - 1e-6);
        var logit = Math.Log(clamped / (1 - clamped)) + shift;
        return 1 / (1 + Math.Exp(-logit));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FeedbackMemory.StoredFeedbackMemory))]
internal sealed partial class FeedbackMemoryJsonContext : JsonSerializerContext;
