namespace Recommend.Matching.Ranking.Learned;

/// <summary>
/// The feedback evidence for one question, practice by practice: each remembered question lends its
/// evidence in proportion to how alike the two questions are (0 below the memory's similarity).
/// </summary>
public sealed class FeedbackLookup
{
    private readonly FeedbackMemory? _memory;
    private readonly float[] _kernel;

    internal FeedbackLookup(FeedbackMemory? memory, float[] kernel)
    {
        _memory = memory;
        _kernel = kernel;
    }

    public static FeedbackLookup None { get; } = new(null, []);

    public FeedbackUse Use => _memory?.Use ?? FeedbackUse.None;

    /// <summary>
    /// The practice's evidence for this question; <paramref name="isNear"/> says which councils are
    /// the asking council or like it (its nearest neighbours), whose feedback also counts apart.
    /// </summary>
    public FeedbackEvidence Of(string practiceId, Func<string, bool>? isNear = null)
    {
        if (_memory is null)
        {
            return FeedbackEvidence.None;
        }

        double useful = 0, notRelevant = 0, near = 0, overall = 0;
        foreach (var entry in _memory.EntriesOf(practiceId))
        {
            overall += entry.Useful - entry.NotRelevant;
            var k = _kernel[entry.Question];
            if (k == 0)
            {
                continue;
            }

            useful += k * entry.Useful;
            notRelevant += k * entry.NotRelevant;
            if (entry.Council is { } council && isNear is not null && isNear(council))
            {
                near += k * (entry.Useful - entry.NotRelevant);
            }
        }

        return new FeedbackEvidence(useful, notRelevant, near, overall);
    }
}

/// <summary>
/// One practice's feedback evidence for one question: <paramref name="Useful"/> and
/// <paramref name="NotRelevant"/> from similar questions (similarity-weighted),
/// <paramref name="NearCouncils"/> the net of that from the asking council and councils like it,
/// <paramref name="Overall"/> the net over every question (not weighted by similarity).
/// </summary>
public readonly record struct FeedbackEvidence(double Useful, double NotRelevant, double NearCouncils, double Overall)
{
    public static FeedbackEvidence None => default;

    public double Net => Useful - NotRelevant;
}
