extern alias IngestApp;

using System.Globalization;
using System.Text;
using IngestApp::Recommend.Ingest.Training;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// The table for docs/evaluation.md: each measurement on the held-out wordings, and against the
/// version retrained on the judgments without feedback, one-sided paired randomisation tests
/// (<see cref="PairedRandomisationTest"/>) that P@5 and nDCG@10 rose and that useless results fell;
/// the same for the wordings of needs the judgments hold out (no grade of theirs trained anything).
/// </summary>
public static class SimulationReport
{
    public static string Write(IReadOnlyList<HeldOutMeasurement.Figures> measured, Wordings wordings)
    {
        var text = new StringBuilder();
        var clean = wordings.HeldOut.Where(q => wordings.JudgmentsHeldOut.Contains(q.Id)).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        Table(text, $"All held-out wordings ({wordings.HeldOut.Count})", measured);
        text.AppendLine();
        Table(text, $"Held-out wordings of needs the judgments also hold out ({clean.Count})", [.. measured.Select(m => m.Where(clean))]);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string title, IReadOnlyList<HeldOutMeasurement.Figures> measured)
    {
        var baseline = measured.Count > 1 ? measured[1] : measured[0];
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}; tests against \"{baseline.Label}\"");
        text.AppendLine("| after | events | P@5 useful | p (rises) | useless in top 5 | change | p (falls) | nDCG@10 | p (rises) | hostile in a top 5 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in measured)
        {
            var pP5 = PairedRandomisationTest.PValueWorse([.. baseline.Queries.Select(q => q.PrecisionAt5)], [.. m.Queries.Select(q => q.PrecisionAt5)]);
            var pUseless = PairedRandomisationTest.PValueWorse([.. baseline.Queries.Select(q => -(double)q.Useless)], [.. m.Queries.Select(q => -(double)q.Useless)]);
            var pNdcg = PairedRandomisationTest.PValueWorse([.. baseline.Queries.Select(q => q.Ndcg10)], [.. m.Queries.Select(q => q.Ndcg10)]);
            var change = baseline.Useless == 0 ? 0 : (m.Useless - baseline.Useless) / (double)baseline.Useless;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Label} | {m.Events} | {m.PrecisionAt5:0.000} | {pP5:0.000} | {m.Useless} of {m.Shown} | {change:+0%;-0%;0%} | {pUseless:0.000} | {m.Ndcg10:0.000} | {pNdcg:0.000} | {m.HostileInTop5} |");
        }
    }
}
