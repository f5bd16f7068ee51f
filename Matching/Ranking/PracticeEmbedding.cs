using System.Numerics.Tensors;
using Recommend.Contracts.Practices;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Matching.Ranking;

/// <summary>
/// A practice's MiniLM vector. A council writes its challenge as a problem ("older patients are stuck
/// in hospital waiting for home care"); a practice describes itself as a solution ("discharge to
/// assess"). So a practice is embedded twice: what it is (title, summary, description) and the
/// problems it answers in a council's words (<see cref="Practice.Problems"/>), and its vector is the
/// normalised blend of the two. A challenge's cosine with the blend is then, up to a common scale,
/// the weighted sum of its cosines with each: close to either the practice or its problems counts.
/// Averaging the two texts' vectors beat embedding one text that holds both (MiniLM pools every word,
/// so the long description drowns the short problems) and leaving the problems to BM25 alone, on the
/// usefulness set's training challenges (docs/evaluation.md); <see cref="ProblemsWeight"/> was chosen there too.
/// A practice without problems keeps exactly the vector of its own text.
/// </summary>
public static class PracticeEmbedding
{
    /// <summary>The problems' share of the blend.</summary>
    public const float ProblemsWeight = 0.65f;

    /// <summary>What the practice is, as MiniLM reads it (only the first 256 word pieces count).</summary>
    public static string PracticeText(Practice practice) => $"{practice.Title} {practice.Summary} {practice.Description}";

    /// <summary>The problems it answers, after its title (null when it lists none).</summary>
    public static string? ProblemsText(Practice practice) =>
        practice.Problems.Count == 0 ? null : $"{practice.Title}. {string.Join(' ', practice.Problems)}";

    /// <summary>Whether two versions of a practice get the same vector, so a known vector can be reused.</summary>
    public static bool SameVector(Practice left, Practice right) =>
        PracticeText(left) == PracticeText(right) && ProblemsText(left) == ProblemsText(right);

    /// <summary>Every practice's vector, in order, from one MiniLM batch of all the texts.</summary>
    public static float[][] EmbedBatch(MiniLmEmbedder embedder, IReadOnlyList<Practice> practices)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var texts = new List<string>(practices.Count * 2);
        texts.AddRange(practices.Select(PracticeText));
        var problemsAt = new int[practices.Count];
        for (var i = 0; i < practices.Count; i++)
        {
            problemsAt[i] = ProblemsText(practices[i]) is { } problems ? AddAndIndex(texts, problems) : -1;
        }

        var embedded = embedder.EmbedBatch(texts);
        return [.. practices.Select((_, i) => Blend(embedded[i], problemsAt[i] < 0 ? null : embedded[problemsAt[i]]))];
    }

    /// <summary>The unit vector (1 - w) x practice + w x problems, or the practice's own vector without problems.</summary>
    public static float[] Blend(float[] practice, float[]? problems)
    {
        if (problems is null)
        {
            return practice;
        }

        if (problems.Length != practice.Length)
        {
            throw new ArgumentException($"The problems' vector has {problems.Length} dimensions, the practice's {practice.Length}.", nameof(problems));
        }

        var blend = new float[practice.Length];
        for (var d = 0; d < blend.Length; d++)
        {
            blend[d] = ((1 - ProblemsWeight) * practice[d]) + (ProblemsWeight * problems[d]);
        }

        var norm = TensorPrimitives.Norm(blend);
        TensorPrimitives.Divide(blend, norm, blend);
        return blend;
    }

    private static int AddAndIndex(List<string> texts, string text)
    {
        texts.Add(text);
        return texts.Count - 1;
    }
}
