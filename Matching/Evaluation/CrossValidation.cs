namespace Recommend.Matching.Evaluation;

/// <summary>
/// Splits query ids into k folds by a seeded shuffle, the same split on every run and machine,
/// so tuned parameters are chosen on k-1 folds and reported on the fold they never saw.
/// </summary>
public static class CrossValidation
{
    public const int DefaultSeed = 42;

    public static IReadOnlyList<IReadOnlySet<string>> Folds(IEnumerable<string> queryIds, int folds, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var ordered = queryIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(ordered);
        var result = new HashSet<string>[folds];
        for (var f = 0; f < folds; f++)
        {
            result[f] = new HashSet<string>(StringComparer.Ordinal);
        }

        for (var i = 0; i < ordered.Length; i++)
        {
            result[i % folds].Add(ordered[i]);
        }

        return result;
    }
}
