namespace Recommend.Ingest.Cli;

/// <summary>
/// The researchers' batch commands. Each command lives in its own file and is listed here;
/// usage errors print a message and exit 2, bad data exits 1, success exits 0.
/// </summary>
public static class IngestCli
{
    private static readonly CliCommand[] Commands =
    [
        EvalCommand.Command,
        ImportCouncilsCommand.Command,
        ImportPracticesCommand.Command,
    ];

    public static bool TryGetCommand(string name, out CliCommand command)
    {
        command = Commands.FirstOrDefault(c => c.Name == name)!;
        return command is not null;
    }

    public static bool IsHelpRequest(string arg) => arg is "help" or "--help" or "-h";

    public static void PrintUsage(TextWriter output)
    {
        output.WriteLine("Recommend ingest: run without arguments to start the worker, or run a batch command:");
        foreach (var command in Commands)
        {
            output.WriteLine($"  {command.Name,-18} {command.Summary}");
            output.WriteLine($"  {"",-18} usage: {command.Usage}");
        }
    }

    public static async Task<int> RunAsync(CliCommand command, string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        try
        {
            return await command.RunAsync(args, cancellation.Token);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: {ex.Message}");
            await Console.Error.WriteLineAsync($"usage: {command.Usage}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{command.Name}: cancelled.");
            return 130;
        }
    }
}
