using System.CommandLine;
using System.Globalization;
using Recommend.Ingest.Models;

namespace Recommend.Ingest.Cli;

/// <summary>
/// models list | publish VERSION | rollback [--to VERSION] | prune [--keep N]: the model registry
/// of a running app. Publishing and rolling back move "current" atomically; every recommender swaps
/// to it while serving (requests in flight finish on the version they started with).
/// </summary>
public static class ModelsCommand
{
    public const string Name = "models";

    public static Command Create()
    {
        // Recursive: "models --redis X list" and "models list --redis X" both read it.
        var redis = RedisCli.CreateOption("the running app's Redis");
        redis.Recursive = true;

        var list = new Command("list", "List the stored versions, newest first; * marks the current one.");
        list.WithAction((parseResult, output, error, cancellationToken) =>
            WithRegistryAsync(parseResult, redis, error, async registry =>
            {
                await ListAsync(registry, output);
                return 0;
            }, cancellationToken));

        var version = new Argument<string>("VERSION") { Description = "a stored version, as 'models list' shows it" };
        var publish = new Command("publish", "Make a stored version current; every recommender swaps to it while serving.") { version };
        publish.WithAction((parseResult, output, error, cancellationToken) =>
            WithRegistryAsync(parseResult, redis, error,
                registry => MoveAsync(registry, parseResult.GetRequiredValue(version), "published", output, error), cancellationToken));

        var to = new Option<string>("--to") { HelpName = "VERSION", Description = "the version to make current [default: the one current before this one]" };
        var rollback = new Command("rollback", "Make the previous (or a named) version current again.") { to };
        rollback.WithAction((parseResult, output, error, cancellationToken) =>
            WithRegistryAsync(parseResult, redis, error, async registry =>
            {
                var target = parseResult.GetValue(to) ?? await registry.RollbackTargetAsync();
                if (target is null)
                {
                    await error.WriteLineAsync("models rollback: there is no earlier version to roll back to.");
                    return 1;
                }

                return await MoveAsync(registry, target, "rolled back to", output, error);
            }, cancellationToken));

        var keep = CliOptions.Whole("--keep", "N", ModelRegistry.DefaultKeep, 1, 10_000, "whole versions (bases) kept, newest first; the current version, the rollback target and what they stand on are always kept");
        var prune = new Command("prune", "Delete old versions.") { keep };
        prune.WithAction((parseResult, output, error, cancellationToken) =>
            WithRegistryAsync(parseResult, redis, error, async registry =>
            {
                var kept = parseResult.GetValue(keep);
                var removed = await registry.PruneAsync(kept, cancellationToken);
                await output.WriteLineAsync(removed.Count == 0
                    ? $"nothing to prune (keeping the newest {kept} whole version(s), the current version, the rollback target and what they stand on)"
                    : $"pruned {removed.Count} version(s): {string.Join(", ", removed)}");
                return 0;
            }, cancellationToken));

        return new Command(Name, "The model registry of a running app: list the stored versions, publish one, roll back, or prune old ones. Exit 1 when the version is not stored.")
        {
            redis, list, publish, rollback, prune,
        };
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    /// <summary>Connects to the app's Redis (exit 2 when it cannot) and runs <paramref name="action"/> on its registry.</summary>
    private static async Task<int> WithRegistryAsync(ParseResult parseResult, Option<string> redisOption, TextWriter error, Func<ModelRegistry, Task<int>> action, CancellationToken cancellationToken)
    {
        var configuration = RedisCli.Resolve(parseResult, redisOption, out var problem);
        if (configuration is null)
        {
            return CliUsage.Fail(parseResult, error, problem ?? $"models needs Redis: pass --redis host:port or set {RedisCli.ConnectionVariable}.");
        }

        await using var redis = await RedisCli.ConnectOrReportAsync(parseResult, configuration, error);
        if (redis is null)
        {
            return CliUsage.ExitCode;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await action(new ModelRegistry(redis));
    }

    private static async Task<int> MoveAsync(ModelRegistry registry, string version, string verb, TextWriter output, TextWriter error)
    {
        var before = await registry.CurrentAsync();
        if (!await registry.MakeCurrentAsync(version))
        {
            await error.WriteLineAsync($"models: version '{version}' is not stored (see 'models list'); current stays {before ?? "unset"}.");
            return 1;
        }

        await output.WriteLineAsync($"{verb} {version} (was {before ?? "unset"}); recommenders swap to it now, or within their poll interval if they missed the announcement");
        return 0;
    }

    private static async Task ListAsync(ModelRegistry registry, TextWriter output)
    {
        var models = await registry.ListAsync();
        if (models.Count == 0)
        {
            await output.WriteLineAsync("no model versions stored");
            return;
        }

        await output.WriteLineAsync($"  {"version",-22} {"created (UTC)",-17} {"practices",9} {"reranker",8} {"nDCG@10",7} {"R@100",6}  command");
        foreach (var model in models)
        {
            var scores = model.Card?.Scores;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(model.IsCurrent ? "*" : " ")} {model.Version,-22} {model.CreatedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {model.Practices,9} {(model.HasReranker ? "yes" : "no"),8} {Score(scores?.Ndcg10),7} {Score(scores?.Recall100),6}  {model.Card?.Command ?? "ingest worker"}"));
        }

        await output.WriteLineAsync("* = current; scores are on the held-out judgments the version was trained with");
    }

    private static string Score(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
