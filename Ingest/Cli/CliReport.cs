using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Cli;

/// <summary>How the import commands print counts and rejects, so both read the same way.</summary>
public static class CliReport
{
    /// <summary>"a 3, b 2, c 1": commonest first, ties in name order so runs compare line by line.</summary>
    public static string Tally(IEnumerable<string> values) =>
        string.Join(", ", values
            .GroupBy(v => v, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>Rows rejected per field at fault, commonest first, each with one example to read.</summary>
    public static async Task WriteTopReasonsAsync(TextWriter output, IReadOnlyList<RowReject> rejects)
    {
        if (rejects.Count == 0)
        {
            return;
        }

        var byField = rejects
            .SelectMany(r => r.Problems.Select(p => p.Field).Distinct(StringComparer.Ordinal).Select(field => (Field: field, Reject: r)))
            .GroupBy(x => x.Field, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal);

        await output.WriteLineAsync("top reject reasons (rows per field; a row can fail on several):");
        foreach (var group in byField)
        {
            var example = group.First().Reject;
            var message = example.Problems.First(p => p.Field == group.Key);
            await output.WriteLineAsync($"  {group.Key,-24} {group.Count(),5}  e.g. {example.Position}: {message.Message}");
        }
    }

    /// <summary>The first <paramref name="show"/> rejects, one per line, and how many were left out.</summary>
    public static async Task WriteRejectsAsync(TextWriter output, IReadOnlyList<RowReject> rejects, int show)
    {
        if (rejects.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync("rejects:");
        foreach (var reject in rejects.Take(show))
        {
            await output.WriteLineAsync($"  {reject}");
        }

        if (rejects.Count > show)
        {
            await output.WriteLineAsync($"  ... and {rejects.Count - show} more (raise --show-rejects to see them)");
        }
    }
}
