using System.CommandLine;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// How the batch commands reach a running app's Redis: --redis host:port, else the connection
/// string Aspire gives its services. A person is waiting at a terminal, so connecting fails in
/// seconds with a message (exit 2) rather than retrying forever.
/// </summary>
public static class RedisCli
{
    /// <summary>Where commands find Redis when --redis is not given: what Aspire passes its services.</summary>
    public const string ConnectionVariable = "ConnectionStrings__cache";

    public const string Hint = "Is the app running? Pass --redis host:port (the 'cache' endpoint in the Aspire dashboard) or set " + ConnectionVariable + ".";

    /// <summary>
    /// --redis. No parsed default: the help would print the variable's value, password included;
    /// <see cref="Resolve"/> reads the variable when the option is absent.
    /// </summary>
    public static Option<string> CreateOption(string purpose)
    {
        var option = new Option<string>("--redis")
        {
            HelpName = "host:port",
            Description = $"{purpose} [default: ${ConnectionVariable}]",
        };
        option.Validators.Add(result =>
        {
            if (Problem(result.GetValueOrDefault<string>(), "--redis") is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>
    /// The Redis to use: --redis, else the variable; null when neither names one, or when the
    /// variable's value is malformed (then <paramref name="problem"/> says so).
    /// </summary>
    public static ConfigurationOptions? Resolve(ParseResult parseResult, Option<string> option, out string? problem)
    {
        var given = parseResult.GetValue(option);
        var connection = given ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        problem = null;
        if (string.IsNullOrWhiteSpace(connection))
        {
            return null;
        }

        problem = Problem(connection, given is null ? "$" + ConnectionVariable : "--redis");
        return problem is null ? Configure(ConfigurationOptions.Parse(connection)) : null;
    }

    /// <summary>
    /// The Redis an import's --publish writes to: null when not publishing. --redis without
    /// --publish, or --publish with no Redis named, is a usage <paramref name="problem"/>.
    /// </summary>
    public static ConfigurationOptions? ForPublish(ParseResult parseResult, Option<bool> publish, Option<string> option, out string? problem)
    {
        if (!parseResult.GetValue(publish))
        {
            problem = parseResult.GetResult(option) is { Implicit: false } ? "--redis only applies with --publish." : null;
            return null;
        }

        var configuration = Resolve(parseResult, option, out problem);
        if (configuration is null)
        {
            problem ??= $"--publish needs Redis: pass --redis host:port or set {ConnectionVariable} (the 'cache' connection string the Aspire dashboard shows).";
        }

        return configuration;
    }

    public static string Describe(ConfigurationOptions configuration) => string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));

    /// <summary>Connects, or reports where it looked as a usage mistake and returns null (the caller exits 2).</summary>
    public static async Task<ConnectionMultiplexer?> ConnectOrReportAsync(ParseResult parseResult, ConfigurationOptions configuration, TextWriter error)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        catch (RedisConnectionException ex)
        {
            // The library's own message advises abortConnect=false, which is advice for services, not for a command.
            CliUsage.Fail(parseResult, error, $"cannot reach Redis at {Describe(configuration)} ({ex.FailureType}). {Hint}");
            return null;
        }
    }

    private static string? Problem(string connection, string source)
    {
        // The variable's value may hold a password, so only a typed value is echoed.
        var what = source.StartsWith('$') ? source : $"{source}: '{connection}'";
        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(connection);
        }
        catch (ArgumentException ex)
        {
            return $"{what} is not a Redis connection string ({ex.Message}).";
        }

        return configuration.EndPoints.Count == 0 ? $"{what} names no host; write host:port, e.g. localhost:6379." : null;
    }

    private static ConfigurationOptions Configure(ConfigurationOptions configuration)
    {
        configuration.AbortOnConnectFail = true;
        // A batch command can wait: 3 s once was not enough on a loaded 2-core machine (retrain's
        // connect failed while models list's, a minute earlier, had worked). Still fails in seconds when nothing listens.
        configuration.ConnectRetry = 3;
        configuration.ConnectTimeout = 10_000;
        configuration.SyncTimeout = 30_000;
        configuration.AsyncTimeout = 30_000;
        return configuration;
    }
}
