using System.Globalization;
using System.Text;
using Recommend.Matching.Evaluation;
using ScottPlot;

namespace Recommend.Ingest.Training;

/// <summary>
/// The retraining report a researcher reads before publishing: report.md (overall and per-area
/// nDCG@10 and Recall@100, new against current, the decision) and ndcg-by-area.png (the per-area
/// comparison as a bar chart, drawn by ScottPlot with its own fonts, so it renders on a headless server).
/// </summary>
public static class RetrainReport
{
    public const string MarkdownFile = "report.md";
    public const string ChartFile = "ndcg-by-area.png";

    public static async Task<string> WriteAsync(RetrainResult result, RetrainOptions options, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var areas = Areas(result);
        WriteChart(result, areas, Path.Combine(folder, ChartFile));
        var path = Path.Combine(folder, MarkdownFile);
        await File.WriteAllTextAsync(path, Markdown(result, options, areas), new UTF8Encoding(false), cancellationToken);
        return path;
    }

    private static List<string> Areas(RetrainResult result) =>
        [.. result.AreaOf.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static EvaluationReport ForArea(EvaluationReport report, RetrainResult result, string area) =>
        report.Subset(result.AreaOf.Where(p => p.Value == area).Select(p => p.Key).ToHashSet(StringComparer.Ordinal));

    private static string Markdown(RetrainResult result, RetrainOptions options, List<string> areas)
    {
        static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
        static string D(double value) => (value >= 0 ? "+" : "") + value.ToString("0.0000", CultureInfo.InvariantCulture);
        static string P(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
        static string RampText(double ramp) => ramp switch
        {
            1 => "rising linearly from there to an identical question",
            0 => "each in full",
            _ => string.Create(CultureInfo.InvariantCulture, $"rising as ((cosine - that) / (1 - that))^{ramp:0.##}"),
        };

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Retraining report: {result.Version}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{options.Command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- created: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, in {result.Elapsed.TotalSeconds:0.0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- catalogue: {result.Practices} practices; feedback for {result.FeedbackPractices}{(options.UseFeedback ? "" : " (--feedback not given)")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- judgments: `{options.JudgmentsFolder}`: {result.TrainQueries} training queries ({result.TrainingRows} candidate rows), {result.New.Queries.Count} held out (every {HeldOutSplit.Every}rd need of each service area, with all its wordings)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- reranker: ML.NET LightGbm LambdaRank over the score parts, the lexical and semantic halves of the text match, adoption and feedback");
        text.AppendLine(CultureInfo.InvariantCulture, $"- compared with: {result.ComparedWith}");
        text.AppendLine();
        text.AppendLine("## Held-out queries");
        text.AppendLine();
        text.AppendLine("| ranking | nDCG@10 | Recall@100 |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| new ({result.Version}) | {F(result.New.MeanNdcg10)} | {F(result.New.MeanRecall100)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {result.ComparedWith} | {F(result.Current.MeanNdcg10)} | {F(result.Current.MeanRecall100)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| refitted text pipeline, weighted sum (no reranker) | {F(result.Weighted.MeanNdcg10)} | {F(result.Weighted.MeanRecall100)} |");
        text.AppendLine();
        text.AppendLine("## By service area (held-out queries)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![nDCG@10 by service area]({ChartFile})");
        text.AppendLine();
        text.AppendLine("| service area | queries | new nDCG@10 | current nDCG@10 | change | new R@100 | current R@100 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var area in areas)
        {
            var fresh = ForArea(result.New, result, area);
            var current = ForArea(result.Current, result, area);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {area} | {fresh.Queries.Count} | {F(fresh.MeanNdcg10)} | {F(current.MeanNdcg10)} | {D(fresh.MeanNdcg10 - current.MeanNdcg10)} | {F(fresh.MeanRecall100)} | {F(current.MeanRecall100)} |");
        }

        if (options.UseFeedback)
        {
            var f = result.Feedback;
            var p = f.Propensity;
            text.AppendLine();
            text.AppendLine("## Feedback, question by question");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"- log: {f.LoggedEvents} events; {f.Events.Count} after one per answer and practice, {f.KeyedEvents} of them from keyed councils; {f.Speakers} voices (keyed councils and client addresses) with evidence");
            text.AppendLine(CultureInfo.InvariantCulture, $"- memory: evidence on {result.FeedbackPractices} practices from {f.Memory.Questions} distinct questions");
            text.AppendLine(p.FirstPositionSignals < Feedback.PositionPropensity.MinFirstPositionSignals
                ? $"- position propensities: not estimated ({p.FirstPositionSignals} signals at position 1): no correction"
                : string.Create(CultureInfo.InvariantCulture, $"- position propensities, positions 1 to {Feedback.PositionPropensity.MaxPosition} then related: {string.Join(", ", p.ByPosition.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}; related {p.Related:0.00}"));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- silence: {f.Silent.Count} practices passed over in silence (shown above, or just below, the lowest one a reader answered, and given no feedback) in {f.AnswersShownKnown} engaged answers whose shown practices are known; silent weight {f.SilentWeight:0.##} (chosen on the training queries from {string.Join(", ", Feedback.FeedbackWeighting.SilentGrid.Select(x => x.ToString("0.##", CultureInfo.InvariantCulture)))}; 0 = silence counts for nothing)"));
            text.AppendLine(result.FeedbackUse.FloorShift == 0
                ? "- relevance floor: feedback moves nothing (no shift helped the training queries)"
                : string.Create(CultureInfo.InvariantCulture, $"- relevance floor: questions with cosine above {result.FeedbackUse.Similarity:0.##} lend their evidence, {RampText(result.FeedbackUse.Ramp)}{(result.FeedbackUse.Overlap < 1 ? string.Create(CultureInfo.InvariantCulture, $", and so do questions whose {Matching.Ranking.Learned.FeedbackMemory.AnswerSize} best text matches share more than {result.FeedbackUse.Overlap:0.##} (Jaccard) with its own") : "")}; {result.FeedbackUse.FloorShift:0.##} log-odds per unit of net evidence, at most {result.FeedbackUse.MaxShift:0.#} either way, never lifting a practice whose text alone gives it less than {result.FeedbackUse.MinChance:0.##}"));
            if (result.FeedbackNew is { Queries.Count: > 0 } fn && result.FeedbackCurrent is { } fc)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- held-out queries from the feedback: {fn.Queries.Count} (graded by their own feedback, ranked without it): nDCG@10 new {F(fn.MeanNdcg10)}, compared {F(fc.MeanNdcg10)}, p(new is worse) = {P(result.FeedbackNdcg10PValue)}");
            }
        }

        text.AppendLine();
        text.AppendLine("## Decision");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Paired randomisation test over the {result.New.Queries.Count} held-out queries, one-sided (\"the new model ranks worse\"): p = {P(result.Ndcg10PValue)} for nDCG@10 ({D(result.New.MeanNdcg10 - result.Current.MeanNdcg10)}), p = {P(result.Recall100PValue)} for Recall@100 ({D(result.New.MeanRecall100 - result.Current.MeanRecall100)}){(result.FeedbackNew is { Queries.Count: > 0 } ? $", and p = {P(result.FeedbackNdcg10PValue)} for nDCG@10 on the held-out queries from the feedback" : "")}; a model is worse when any p is below {Retrainer.WorseSignificance.ToString(CultureInfo.InvariantCulture)}.");
        text.AppendLine();
        text.AppendLine(result.NotWorse
            ? "The new model is **not worse** than the one it was compared with: the held-out queries give no significant evidence that it ranks worse."
            : "The new model is **worse** than the one it was compared with: the held-out queries show it ranks significantly worse.");
        text.AppendLine(result.Published
            ? $"It was **published**: `{result.Version}` is current{(result.NotWorse ? "" : " (forced with --force)")}."
            : result.Stored
                ? $"It was stored but **not published**{(options.Publish ? " (worse; --force publishes anyway)" : " (--publish not given)")}: `dotnet run --project Ingest -- models publish {result.Version}` makes it current."
                : "It was not stored (no Redis given, or this exact version was stored before).");
        if (result.Pruned.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Pruned old versions: {string.Join(", ", result.Pruned)}.");
        }

        return text.ToString();
    }

    private static void WriteChart(RetrainResult result, List<string> areas, string path)
    {
        var plot = new Plot();
        var newColour = Colors.SteelBlue;
        var currentColour = Colors.LightGray;
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < areas.Count; i++)
        {
            var centre = i * 3;
            bars.Add(new Bar { Position = centre - 0.45, Value = ForArea(result.Current, result, areas[i]).MeanNdcg10, FillColor = currentColour, Size = 0.9 });
            bars.Add(new Bar { Position = centre + 0.45, Value = ForArea(result.New, result, areas[i]).MeanNdcg10, FillColor = newColour, Size = 0.9 });
            ticks.Add(new Tick(centre, areas[i].Replace('_', ' ')));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 150;
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Axes.Left.Label.Text = "nDCG@10 (held-out queries)";
        plot.Title($"New {result.Version} against {result.ComparedWith}");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "current", FillColor = currentColour });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "new", FillColor = newColour });
        plot.SavePng(path, Math.Max(800, areas.Count * 70), 600);
    }
}
