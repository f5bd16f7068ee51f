namespace Recommend.Contracts.Recommendations;

/// <summary>
/// How the five signals combine into a practice's score (a weighted sum; each signal is 0..1):
/// text (relevance to the challenge, relative to the best match), context (how close the places
/// the evidence comes from are to this council, and whether similar councils adopted it),
/// evidence (strength of positive evidence), cost (cheaper and quicker to start scores higher,
/// more so for a council with low capacity) and priority (share of the council's weighted
/// priority areas the practice serves; a matching audience adds a little).
/// Configured in "Ranking:Weights"; a request may override each within [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed record RankingWeights
{
    public const double Min = 0.0;
    public const double Max = 1.0;

    /// <summary>Text relevance keeps at least this weight: a ranking that ignores the challenge is not a recommendation.</summary>
    public const double MinText = 0.1;

    public double Text { get; init; } = 0.55;
    public double Context { get; init; } = 0.20;
    public double Evidence { get; init; } = 0.10;
    public double Cost { get; init; } = 0.05;
    public double Priority { get; init; } = 0.10;

    public static RankingWeights Default { get; } = new();

    public RankingWeights Override(double? text, double? context, double? evidence, double? cost, double? priority) => this with
    {
        Text = text ?? Text,
        Context = context ?? Context,
        Evidence = evidence ?? Evidence,
        Cost = cost ?? Cost,
        Priority = priority ?? Priority,
    };

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { ("text", Text), ("context", Context), ("evidence", Evidence), ("cost", Cost), ("priority", Priority) })
        {
            if (double.IsNaN(value) || value < Min || value > Max)
            {
                yield return $"{name} must be between {Min} and {Max} (was {value}).";
            }
        }

        if (Text < MinText)
        {
            yield return $"text must be at least {MinText}: the challenge has to count.";
        }
    }
}
