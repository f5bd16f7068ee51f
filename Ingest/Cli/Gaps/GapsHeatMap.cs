using Recommend.Contracts.EvidenceGaps;
using ScottPlot;

namespace Recommend.Ingest.Cli.Gaps;

/// <summary>
/// gaps.png: service areas across, kinds of place down, each square coloured by how many level 3+
/// practices have evidence from that kind of place and labelled with the count. Drawn as rectangles
/// rather than ScottPlot's heatmap so that "not run at this tier" (grey) and the two kinds of gap
/// (none from the nation at all; only nation-level evidence) keep colours of their own, and so that it
/// renders with ScottPlot's own fonts on a headless server.
/// </summary>
public static class GapsHeatMap
{
    public const string FileName = "gaps.png";

    private static readonly Color NotCounted = Color.FromHex("#e6e6e6");
    private static readonly Color NoUkEvidence = Color.FromHex("#b2182b");
    private static readonly Color NationOnly = Color.FromHex("#f4a582");
    private static readonly Color One = Color.FromHex("#a6dba0");
    private static readonly Color Few = Color.FromHex("#5aae61");
    private static readonly Color Many = Color.FromHex("#1b7837");

    public static void Write(EvidenceGapReport report, string path)
    {
        var rows = report.Areas.SelectMany(a => a.Cells)
            .Select(c => new ContextCell(c.Nation, c.Tier, c.RuralUrban, c.DeprivationBand))
            .Distinct()
            .Order(Comparer<ContextCell>.Create(ContextCell.Compare))
            .ToList();
        var plot = new Plot();
        for (var x = 0; x < report.Areas.Count; x++)
        {
            var cells = report.Areas[x].Cells.ToDictionary(c => c.Key, StringComparer.Ordinal);
            for (var y = 0; y < rows.Count; y++)
            {
                // Row 0 at the top, as the page's table reads.
                var top = rows.Count - y;
                cells.TryGetValue(rows[y].Key, out var cell);
                var square = plot.Add.Rectangle(x, x + 1, top - 1, top);
                square.FillColor = ColourOf(cell);
                square.LineColor = Colors.White;
                if (cell is not null)
                {
                    var label = plot.Add.Text(cell.SimilarPracticeIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), x + 0.5, top - 0.5);
                    label.LabelFontSize = 10;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontColor = cell.SimilarPracticeIds.Count >= 5 || (cell.SimilarPracticeIds.Count == 0 && cell.NationOnlyPractices == 0) ? Colors.White : Colors.Black;
                }
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. report.Areas.Select((a, i) => new Tick(i + 0.5, a.Area.Replace('_', ' ')))]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 150;
        // Room for the last area's slanted name.
        plot.Axes.Right.MinimumSize = 110;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. rows.Select((r, i) => new Tick(rows.Count - i - 0.5, r.Label))]);
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Axes.SetLimits(0, report.Areas.Count, 0, rows.Count);
        plot.Title($"Level {report.MinEvidenceLevel}+ practices with evidence from a similar place ({report.CouncilsLoaded} councils)");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Top);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "gap: none from this nation", FillColor = NoUkEvidence });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "gap: nation-level only", FillColor = NationOnly });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "1", FillColor = One });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "2-4", FillColor = Few });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "5+", FillColor = Many });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "not run at this tier", FillColor = NotCounted });
        plot.SavePng(path, 380 + (report.Areas.Count * 70), 330 + (rows.Count * 20));
    }

    private static Color ColourOf(CellGaps? cell) => cell switch
    {
        null => NotCounted,
        { SimilarPracticeIds.Count: 0, NationOnlyPractices: 0 } => NoUkEvidence,
        { SimilarPracticeIds.Count: 0 } => NationOnly,
        { SimilarPracticeIds.Count: 1 } => One,
        { SimilarPracticeIds.Count: < 5 } => Few,
        _ => Many,
    };
}
