using Recommend.Ingest.Cli;

namespace Recommend.Ingest.Tests.Cli;

/// <summary>
/// Usage mistakes in models and retrain exit 2 with a message saying what is wrong and the usage,
/// before anything is read or written, and each command's help shows its options' defaults.
/// </summary>
public sealed class ModelCommandsUsageTests
{
    [Theory]
    [InlineData("no action", "models: Required command was not provided", "models")]
    [InlineData("unknown action", "Unrecognized command or argument 'frobnicate'", "models", "frobnicate", "--redis", "127.0.0.1:1")]
    [InlineData("publish without a version", "Required argument 'VERSION' missing", "models", "publish", "--redis", "127.0.0.1:1")]
    [InlineData("stray argument", "Unrecognized command or argument 'extra'", "models", "list", "extra", "--redis", "127.0.0.1:1")]
    [InlineData("misspelt option", "Unrecognized command or argument '--too'", "models", "rollback", "--too", "v1", "--redis", "127.0.0.1:1")]
    [InlineData("option of another action", "models publish: Unrecognized command or argument '--keep'", "models", "publish", "v1", "--keep", "3", "--redis", "127.0.0.1:1")]
    [InlineData("keep below one", "--keep must be a whole number from 1", "models", "prune", "--keep", "0", "--redis", "127.0.0.1:1")]
    [InlineData("malformed Redis address", "--redis: ',,,' names no host", "models", "list", "--redis", ",,,")]
    [InlineData("Redis unreachable", "cannot reach Redis at 127.0.0.1:1", "models", "list", "--redis", "127.0.0.1:1")]
    [InlineData("force without publish", "--force only applies with --publish", "retrain", "--force")]
    [InlineData("publish without Redis", "--publish needs the app's Redis", "retrain", "--publish")]
    [InlineData("judgments folder without files", "has no queries.jsonl", "retrain", "--judgments", "/nonexistent-judgments")]
    [InlineData("switch given a word", "Unrecognized command or argument 'yes'", "retrain", "--feedback", "yes")]
    public async Task BadInputExitsWithCodeTwoAndSaysWhy(string mistake, string message, params string[] args)
    {
        var variable = Environment.GetEnvironmentVariable(RedisCli.ConnectionVariable);
        Environment.SetEnvironmentVariable(RedisCli.ConnectionVariable, null);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit;
        try
        {
            exit = await IngestCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RedisCli.ConnectionVariable, variable);
        }

        Assert.True(exit == 2, $"{mistake}: exit {exit}, stderr: {stderr}");
        Assert.Contains(message, stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains($"usage: {args[0]}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Theory]
    [InlineData("retrain", "--keep <N>", "[default: 10]")]
    [InlineData("retrain", "--redis <host:port>", "[default: $ConnectionStrings__cache]")]
    [InlineData("models prune", "--keep <N>", "[default: 10]")]
    [InlineData("models rollback", "--to <VERSION>", "[default: the one current before this one]")]
    [InlineData("import-councils", "--show-rejects <N>", "[default: 50]")]
    [InlineData("import-practices", "--show-rejects <N>", "[default: 25]")]
    public async Task HelpShowsEachOptionWithItsDefault(string command, string option, string defaultText)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await IngestCli.RunAsync([.. command.Split(' '), "--help"], stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        var line = Assert.Single(stdout.ToString().Split('\n'), l => l.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        Assert.EndsWith(defaultText, line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCommandAndOnlyThoseSwitchTheProgramToTheBatchCli()
    {
        Assert.All(["eval", "import-councils", "import-practices", "models", "retrain", "help", "--help"], a => Assert.True(IngestCli.Handles([a]), a));
        Assert.False(IngestCli.Handles([]));
        Assert.False(IngestCli.Handles(["--urls", "http://localhost:0"]));
    }
}
