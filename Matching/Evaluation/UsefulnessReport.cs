namespace Recommend.Matching.Evaluation;

/// <summary>
/// How useful served shortlists are, read against graded judgments on the usefulness scale
/// (2 directly useful, 1 related, 0 not useful; an unjudged practice counts as not useful, and is
/// counted apart so a reader sees how complete the grading is). Each query contributes its served
/// <c>results[]</c> up to <see cref="Depth"/>; a shorter list is not padded:
/// <list type="bullet">
/// <item>P@5 divides by 5 whatever was shown (a short list that misses useful practices scores less);</item>
/// <item>precision of what was shown divides by what was shown (the share a reader finds useful);</item>
/// <item>useless share is over every shown result of every query;</item>
/// <item>rank 1 directly useful, and challenges left with no directly useful result, are per query.</item>
/// </list>
/// </summary>
public sealed record UsefulnessReport(IReadOnlyList<UsefulnessReport.QueryOutcome> Queries)
{
    public const int Depth = 5;

    public sealed record QueryOutcome(string QueryId, string Area, IReadOnlyList<int?> Grades, IReadOnlyList<int?> RelatedGrades)
    {
        public int Shown => Grades.Count;
        public int Useful => Grades.Count(g => g == 2);
        public int AtLeastRelated => Grades.Count(g => g >= 1);
        public int Useless => Grades.Count(g => g is null or 0);
        public int Unjudged => Grades.Count(g => g is null) + RelatedGrades.Count(g => g is null);
        public bool RankOneUseful => Grades.Count > 0 && Grades[0] == 2;
    }

    /// <summary>Grades of the shown ids, in order, cut to <see cref="Depth"/>; null where unjudged.</summary>
    public static QueryOutcome Outcome(string queryId, string area, IEnumerable<string> shown, IEnumerable<string> related, IReadOnlyDictionary<string, int> judged) => new(
        queryId,
        area,
        [.. shown.Take(Depth).Select(id => judged.TryGetValue(id, out var g) ? g : (int?)null)],
        [.. related.Select(id => judged.TryGetValue(id, out var g) ? g : (int?)null)]);

    public int Count => Queries.Count;

    public double PrecisionAt5Useful => Mean(q => q.Useful / (double)Depth);

    public double PrecisionAt5Related => Mean(q => q.AtLeastRelated / (double)Depth);

    public double ShownPrecisionUseful => Ratio(Queries.Sum(q => q.Useful), Queries.Sum(q => q.Shown));

    public double RankOneUseful => Mean(q => q.RankOneUseful ? 1 : 0);

    public double UselessShare => Ratio(Queries.Sum(q => q.Useless), Queries.Sum(q => q.Shown));

    public int WithoutUseful => Queries.Count(q => q.Useful == 0);

    public double MeanShown => Mean(q => q.Shown);

    public int Unjudged => Queries.Sum(q => q.Unjudged);

    /// <summary>Share of the related practices shown apart that the graders found useful (2): what the floor keeps out.</summary>
    public double RelatedUsefulShare => Ratio(Queries.Sum(q => q.RelatedGrades.Count(g => g == 2)), Queries.Sum(q => q.RelatedGrades.Count));

    public UsefulnessReport Where(Func<QueryOutcome, bool> predicate) => new([.. Queries.Where(predicate)]);

    private double Mean(Func<QueryOutcome, double> value) => Queries.Count == 0 ? 0 : Queries.Average(value);

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : part / (double)whole;
}
