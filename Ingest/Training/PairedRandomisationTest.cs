namespace Recommend.Ingest.Training;

/// <summary>
/// Fisher's paired randomisation (sign-flip) test over queries, as used to compare two IR systems
/// (Smucker, Allan and Carterette, CIKM 2007). Under "the two rankings are equally good" the sign
/// of each query's difference is a coin toss; the one-sided p-value is the share of the 2^n sign
/// assignments whose mean difference is at most the observed one. Exact up to
/// <see cref="ExactUpTo"/> queries, otherwise estimated from <see cref="Samples"/> assignments drawn
/// with a fixed seed, so the same scores always give the same p-value.
/// </summary>
public static class PairedRandomisationTest
{
    public const int ExactUpTo = 20;
    public const int Samples = 100_000;

    /// <summary>How unlikely a mean difference this low is if neither ranking is better (small = "new" is worse).</summary>
    /// <param name="fresh">Per-query score of the new ranking.</param>
    /// <param name="current">Per-query score of the current ranking, same queries, same order.</param>
    public static double PValueWorse(IReadOnlyList<double> fresh, IReadOnlyList<double> current)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(fresh.Count, current.Count);
        var differences = fresh.Select((score, i) => score - current[i]).Where(d => d != 0).ToArray();
        if (differences.Length == 0)
        {
            return 1;
        }

        // Sums rather than means (same n), with a little slack so rounding never excludes the observed assignment.
        var observed = differences.Sum() + 1e-12;
        long atMost = 0;
        long total;
        if (differences.Length <= ExactUpTo)
        {
            total = 1L << differences.Length;
            for (long signs = 0; signs < total; signs++)
            {
                atMost += SignedSum(differences, signs) <= observed ? 1 : 0;
            }
        }
        else
        {
            total = Samples;
            var random = new Random(20071106);
            for (var s = 0; s < Samples; s++)
            {
                var sum = 0.0;
                foreach (var d in differences)
                {
                    sum += random.Next(2) == 0 ? d : -d;
                }

                atMost += sum <= observed ? 1 : 0;
            }
        }

        return (double)atMost / total;
    }

    private static double SignedSum(double[] differences, long signs)
    {
        var sum = 0.0;
        for (var i = 0; i < differences.Length; i++)
        {
            sum += ((signs >> i) & 1) == 0 ? differences[i] : -differences[i];
        }

        return sum;
    }
}
