using Recommend.Core.Tabular;

namespace Recommend.Ingest.Cli;

/// <summary>How the import commands print rejects, so both read the same way.</summary>
public static class CliReport
{
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
