using System.CommandLine;

namespace Recommend.Ingest.Cli;

/// <summary>A batch command's work: the parsed command line in, an exit code out, writing to the invocation's output and error.</summary>
public delegate Task<int> CliRun(ParseResult parseResult, TextWriter output, TextWriter error, CancellationToken cancellationToken);

public static class CliAction
{
    /// <summary>Exit code after Ctrl+C: 128 + SIGINT, as shells report it.</summary>
    public const int CancelledExitCode = 130;

    /// <summary>Runs <paramref name="run"/> when the command is chosen; Ctrl+C ends it with a line on stderr and exit 130, not a stack trace.</summary>
    public static Command WithAction(this Command command, CliRun run)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                return await run(parseResult, output, error, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"{CliUsage.PathOf(command)}: cancelled.");
                return CancelledExitCode;
            }
        });
        return command;
    }
}
