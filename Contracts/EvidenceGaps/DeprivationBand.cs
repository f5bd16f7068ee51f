namespace Recommend.Contracts.EvidenceGaps;

/// <summary>
/// Three bands of the UK-wide deprivation quintile (1 = most deprived fifth of councils). Quintiles
/// alone would split the 397 councils into many one-council cells; a band of two quintiles still asks
/// "evidence from a similarly deprived place" without demanding the very same fifth.
/// </summary>
public static class DeprivationBand
{
    public const string MoreDeprived = "more_deprived";
    public const string Middle = "middle";
    public const string LessDeprived = "less_deprived";

    public static readonly IReadOnlyList<string> All = [MoreDeprived, Middle, LessDeprived];

    public static string Of(int quintile) => quintile switch
    {
        <= 2 => MoreDeprived,
        3 => Middle,
        _ => LessDeprived,
    };

    public static bool Contains(string band, int quintile) => Of(quintile) == band;

    /// <summary>The words a map row uses: "more deprived", "middle", "less deprived".</summary>
    public static string Label(string band) => band.Replace('_', ' ');

    public static string Describe(string band) => band switch
    {
        MoreDeprived => "more deprived (IMD quintiles 1-2)",
        Middle => "middle (IMD quintile 3)",
        _ => "less deprived (IMD quintiles 4-5)",
    };
}
