using System.CommandLine;

namespace Recommend.Ingest.Cli;

/// <summary>
/// The researchers' batch commands, parsed by System.CommandLine, which also writes each command's
/// --help from the options' descriptions and defaults. Each command lives in its own file and is
/// listed here. Exit codes: 0 done, 1 bad data, 2 a usage mistake, 130 cancelled.
/// </summary>
public static class IngestCli
{
    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    public static RootCommand Create()
    {
        var root = new RootCommand("Recommend ingest. Without arguments the program runs as the ingest worker the AppHost starts; with a command, as the researchers' batch CLI.")
        {
            CouncilsCommand.Create(),
            EvalCommand.Create(),
            GapsCommand.Create(),
            ImportCouncilsCommand.Create(),
            ImportPracticesCommand.Create(),
            ModelsCommand.Create(),
            RetrainCommand.Create(),
        };

        // The program has no version of its own to report (model versions are what 'models list' shows).
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        return root;
    }

    /// <summary>Whether the arguments ask for the batch CLI (a command or help) rather than the worker.</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args.Count > 0 && (HelpWords.Contains(args[0], StringComparer.Ordinal) || Create().Subcommands.Any(c => c.Name == args[0]));

    /// <summary>As the program runs it: console output, and Ctrl+C cancels the command, which stops at its next check (it is never cut off mid-write).</summary>
    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>With the given writers and no signal handling: how tests run a command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, null, cancellationToken);

    private static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeSpan? terminationTimeout, CancellationToken cancellationToken)
    {
        // "help eval" reads as "eval --help".
        if (args.Length > 0 && args[0] == "help")
        {
            args = [.. args[1..], "--help"];
        }

        var parseResult = Create().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return CliUsage.Fail(parseResult, error, parseResult.Errors.Select(e => e.Message));
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = terminationTimeout };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
