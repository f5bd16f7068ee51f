namespace Recommend.Ingest.Cli;

/// <summary>A batch command: its name, one line of help, usage, and what it runs (returns the exit code).</summary>
public sealed record CliCommand(string Name, string Summary, string Usage, Func<string[], CancellationToken, Task<int>> RunAsync);
