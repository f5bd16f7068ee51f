using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Practices;
using Recommend.Matching.Evaluation;
using Recommend.Matching.Ranking.Relevance;

namespace Recommend.Ingest.Training;

/// <summary>
/// Fits the relevance floor (<see cref="RelevanceFloor"/>) on graded judgments: a logistic model of
/// "directly useful" (grade 2) from the relevance features of every judged candidate of
/// the training queries, then the thresholds (one for every candidate, a lower bar allowed for the
/// single most probable one): those whose served top fives on the training queries give readers the
/// most, counting each directly useful practice shown as +1 and each useless one as
/// -<see cref="UselessCost"/> (related ones count 0). The held-out queries are never read here.
/// </summary>
public static class RelevanceCalibration
{
    /// <summary>
    /// What a useless result costs a reader, against the +1 of a directly useful one: padding is what
    /// users complained of, so a useless practice costs twice what a useful one gives. A threshold set
    /// to show nothing useless (the other extreme) empties most answers; this balance keeps the answers
    /// that have something useful and drops most padding.
    /// </summary>
    public const double UselessCost = 2;

    /// <summary>Thresholds tried: every hundredth from 0.05 to 0.95.</summary>
    public static IReadOnlyList<double> ThresholdGrid { get; } = [.. Enumerable.Range(5, 91).Select(i => i / 100.0)];

    /// <summary>L2 penalty on the weights (not the bias): keeps the fit stable when the features nearly separate the grades.</summary>
    private const double Ridge = 0.01;

    public sealed record Sample(double[] Features, bool Useful);

    /// <summary>Logistic regression by Newton's method (a handful of features, so exact and deterministic).</summary>
    public static LogisticModel Fit(IReadOnlyList<string> names, IReadOnlyList<Sample> samples)
    {
        if (samples.Count == 0 || samples.All(s => s.Useful) || samples.All(s => !s.Useful))
        {
            throw new InvalidDataException($"Calibrating the relevance floor needs judged candidates of both kinds (useful and not); got {samples.Count(s => s.Useful)} useful of {samples.Count}.");
        }

        var n = names.Count + 1; // weights, then the bias
        var beta = new double[n];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[n];
            var hessian = new double[n, n];
            foreach (var sample in samples)
            {
                var x = sample.Features.Append(1.0).ToArray();
                var z = 0.0;
                for (var i = 0; i < n; i++)
                {
                    z += beta[i] * x[i];
                }

                var p = 1 / (1 + Math.Exp(-z));
                var w = Math.Max(p * (1 - p), 1e-9);
                for (var i = 0; i < n; i++)
                {
                    gradient[i] += ((sample.Useful ? 1 : 0) - p) * x[i];
                    for (var j = 0; j < n; j++)
                    {
                        hessian[i, j] += w * x[i] * x[j];
                    }
                }
            }

            for (var i = 0; i < n - 1; i++)
            {
                gradient[i] -= Ridge * beta[i];
                hessian[i, i] += Ridge;
            }

            var step = Solve(hessian, gradient);
            for (var i = 0; i < n; i++)
            {
                beta[i] += step[i];
            }

            if (step.Max(Math.Abs) < 1e-10)
            {
                break;
            }
        }

        return new LogisticModel
        {
            Features = [.. names],
            Weights = [.. beta.Take(n - 1).Select(b => Math.Round(b, 6))],
            Bias = Math.Round(beta[n - 1], 6),
            Threshold = 0.5,
        };
    }

    /// <summary>The bars tried for the most probable candidate: every twentieth from 0.05 up to the threshold.</summary>
    public static IEnumerable<double> TopGrid(double threshold) => Enumerable.Range(1, 19).Select(i => i / 20.0).Where(t => t <= threshold + 1e-9);

    /// <summary>
    /// The thresholds whose served answers on the training queries score best (<see cref="Utility"/>):
    /// the threshold for every candidate and the bar, at most that, for the single most probable one.
    /// Ties go to the higher bars (less shown). Also returns, for reading, each threshold with the top
    /// bar equal to it (one floor for all).
    /// </summary>
    public static (double Threshold, double TopThreshold, UsefulnessReport Report, IReadOnlyList<(double Threshold, UsefulnessReport Report)> Tried) ChooseThresholds(Func<double, double, UsefulnessReport> reportAt)
    {
        var tried = new List<(double Threshold, UsefulnessReport Report)>();
        (double Threshold, double Top, UsefulnessReport Report, double Utility)? best = null;
        foreach (var threshold in ThresholdGrid)
        {
            foreach (var top in TopGrid(threshold).Append(threshold).Distinct())
            {
                var report = reportAt(threshold, top);
                if (top == threshold)
                {
                    tried.Add((threshold, report));
                }

                var utility = Math.Round(Utility(report), 9);
                if (best is null || utility > best.Value.Utility || (utility == best.Value.Utility && (threshold, top).CompareTo((best.Value.Threshold, best.Value.Top)) > 0))
                {
                    best = (threshold, top, report, utility);
                }
            }
        }

        return (best!.Value.Threshold, best.Value.Top, best.Value.Report, tried);
    }

    /// <summary>Per challenge: directly useful results shown minus <see cref="UselessCost"/> times useless ones.</summary>
    public static double Utility(UsefulnessReport report) =>
        report.Count == 0 ? 0 : report.Queries.Sum(q => q.Useful - (UselessCost * q.Useless)) / report.Count;

    /// <summary>A hash of the judgment files' bytes: the shipped floor names the set it was calibrated on.</summary>
    public static string HashJudgments(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { JudgmentSet.QueriesFile, JudgmentSet.QrelsFile })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(folder, file)).ReplaceLineEndings("\n")));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    /// <summary>A hash of the practices' text and fields: the shipped floor names the catalogue its features were read on.</summary>
    public static string HashCatalogue(IEnumerable<Practice> practices)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var practice in practices.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(PracticeJson.Serialise(practice)));
            hash.AppendData("\n"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    public static string Describe(UsefulnessReport report) => string.Create(CultureInfo.InvariantCulture,
        $"P@5 useful {report.PrecisionAt5Useful:0.000}, useless {report.UselessShare:P1}, rank 1 useful {report.RankOneUseful:P1}, {report.MeanShown:0.0} shown");

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite).</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var row = col + 1; row < n; row++)
            {
                var factor = m[row, col] / m[col, col];
                for (var k = col; k < n; k++)
                {
                    m[row, k] -= factor * m[col, k];
                }

                x[row] -= factor * x[col];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            for (var k = row + 1; k < n; k++)
            {
                x[row] -= m[row, k] * x[k];
            }

            x[row] /= m[row, row];
        }

        return x;
    }
}
