using System.CommandLine;
using System.CommandLine.Help;

namespace Recommend.Ingest.Cli;

/// <summary>
/// How every command reports a usage mistake: one line per problem naming the command, then the
/// command's synopsis and where its full help is, all on stderr, and exit code 2. Parse errors come
/// here from <see cref="IngestCli"/>; a mistake only an action can see (options that contradict
/// each other, Redis not reachable) comes here from the action.
/// </summary>
public static class CliUsage
{
    public const int ExitCode = 2;

    public static int Fail(ParseResult parseResult, TextWriter error, params IEnumerable<string> problems)
    {
        var command = parseResult.CommandResult.Command;
        var name = PathOf(command);
        foreach (var problem in problems)
        {
            error.WriteLine($"{name}: {problem}");
        }

        error.WriteLine($"usage: {Synopsis(command)}");
        error.WriteLine($"       '{name} --help' describes every option and its default.");
        return ExitCode;
    }

    /// <summary>"models publish": the command's words after the program's name.</summary>
    public static string PathOf(Command command) =>
        string.Join(' ', Ancestors(command).Where(c => c is not RootCommand).Reverse().Select(c => c.Name).Append(command.Name));

    /// <summary>"eval --corpus FILE --queries FILE --qrels FILE [options]": what must be given, from the command's own definition.</summary>
    public static string Synopsis(Command command)
    {
        var words = new List<string> { PathOf(command) };
        if (command.Subcommands.Count > 0)
        {
            words.Add(string.Join('|', command.Subcommands.Select(c => c.Name)));
        }

        words.AddRange(command.Arguments.Select(a => $"<{a.HelpName ?? a.Name}>"));
        var options = command.Options.Concat(Ancestors(command).SelectMany(p => p.Options).Where(o => o.Recursive)).Where(o => !o.Hidden && o is not HelpOption).ToList();
        words.AddRange(options.Where(o => o.Required).Select(o => $"{o.Name} {o.HelpName}"));
        if (options.Any(o => !o.Required))
        {
            words.Add("[options]");
        }

        return string.Join(' ', words);
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }
}
