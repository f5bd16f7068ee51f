namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// How a simulated council reads an answer and what it says, from its hidden preferences (the
/// usefulness grades of the wording it asked: 2 directly useful, 1 related, 0 or unjudged not useful).
/// Position-biased examination: the result at position i (results first, then the related practices
/// below them) is read with probability 1 / i^<see cref="ExaminationDecay"/>. Read, a directly useful
/// practice is called useful with probability <see cref="SaysUseful"/>, a useless one not relevant with
/// <see cref="SaysNotRelevant"/> (or dismissed with <see cref="Dismisses"/>), a related one either way
/// now and then; with probability <see cref="Noise"/> the verdict is flipped (a misclick, a different reading).
/// </summary>
public sealed class UserModel(Random random)
{
    public const double ExaminationDecay = 1.0;
    public const double SaysUseful = 0.85;
    public const double SaysNotRelevant = 0.5;
    public const double Dismisses = 0.1;
    public const double RelatedSaysUseful = 0.15;
    public const double RelatedSaysNotRelevant = 0.15;
    public const double Noise = 0.1;

    /// <summary>A practice as the reader meets it: position 1 is the first result, the related practices follow the results.</summary>
    public sealed record Shown(string PracticeId, int Position);

    public sealed record Verdict(Shown Practice, string Signal);

    public IReadOnlyList<Verdict> React(IReadOnlyList<Shown> shown, IReadOnlyDictionary<string, int> grades)
    {
        var verdicts = new List<Verdict>();
        foreach (var item in shown)
        {
            if (random.NextDouble() >= Math.Pow(1.0 / item.Position, ExaminationDecay))
            {
                continue;
            }

            var grade = grades.GetValueOrDefault(item.PracticeId);
            var roll = random.NextDouble();
            string? signal = grade switch
            {
                2 => roll < SaysUseful ? "useful" : null,
                1 => roll < RelatedSaysUseful ? "useful" : roll < RelatedSaysUseful + RelatedSaysNotRelevant ? "not_relevant" : null,
                _ => roll < SaysNotRelevant ? "not_relevant" : roll < SaysNotRelevant + Dismisses ? "dismissed" : null,
            };
            if (signal is null)
            {
                continue;
            }

            if (signal != "dismissed" && random.NextDouble() < Noise)
            {
                signal = signal == "useful" ? "not_relevant" : "useful";
            }

            verdicts.Add(new Verdict(item, signal));
        }

        return verdicts;
    }
}
