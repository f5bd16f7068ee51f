using System.CommandLine;
using System.Globalization;
using Recommend.Contracts.Councils.Api;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Councils.Keys;
using StackExchange.Redis;

namespace Recommend.Ingest.Cli;

/// <summary>
/// councils keys issue CODE | list [--council CODE] | revoke KEY_ID: the operator's side of council
/// identity. A council key lets a council, and only that council, report adoptions and outcomes
/// (docs/operations.md). The key is printed once, when issued; only its hash is stored.
/// </summary>
public static class CouncilsCommand
{
    public const string Name = "councils";

    public static Command Create()
    {
        var redis = RedisCli.CreateOption("the running app's Redis");
        redis.Recursive = true;

        var code = new Argument<string>("CODE") { Description = "the council's mySociety code, e.g. CON (find codes with GET /api/v1/councils?query=<name>)" };
        var issue = new Command("issue", "Issue a new key for a council and print it once; hand it to the council over a trusted channel.") { code };
        issue.WithAction((parseResult, output, error, cancellationToken) =>
            WithRedisAsync(parseResult, redis, error, async connection =>
            {
                var council = parseResult.GetRequiredValue(code).Trim().ToUpperInvariant();
                if (CouncilLookupRules.CodeError(council) is { } problem)
                {
                    return CliUsage.Fail(parseResult, error, $"'{council}': {problem}");
                }

                if (!await connection.GetDatabase().HashExistsAsync(StoreKeys.Councils, council))
                {
                    await error.WriteLineAsync($"councils keys issue: no council '{council}' in the app's council list (mySociety codes, e.g. CON; GSS codes are not keys of the list). Nothing issued.");
                    return 1;
                }

                var (record, key) = await new CouncilKeyStore(connection).IssueAsync(council, DateTimeOffset.UtcNow);
                await output.WriteLineAsync($"issued key {record.Id} for {record.Council}:");
                await output.WriteLineAsync(key);
                await output.WriteLineAsync($"It is shown only now (only its hash is stored). The council sends it in the {CouncilKeyStore.HeaderName} header; 'councils keys revoke {record.Id}' withdraws it.");
                return 0;
            }, cancellationToken));

        var council = new Option<string>("--council") { HelpName = "CODE", Description = "only this council's keys [default: every council's]" };
        var list = new Command("list", "List the issued keys (ids, never the keys), oldest first, revoked ones marked.") { council };
        list.WithAction((parseResult, output, error, cancellationToken) =>
            WithRedisAsync(parseResult, redis, error, async connection =>
            {
                var records = await new CouncilKeyStore(connection).ListAsync(parseResult.GetValue(council)?.Trim());
                if (records.Count == 0)
                {
                    await output.WriteLineAsync("no council keys issued");
                    return 0;
                }

                await output.WriteLineAsync($"{"key id",-14} {"council",-8} {"issued (UTC)",-17} revoked (UTC)");
                foreach (var record in records)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{record.Id,-14} {record.Council,-8} {record.IssuedAt.UtcDateTime,-17:yyyy-MM-dd HH:mm} {(record.RevokedAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-")}"));
                }

                return 0;
            }, cancellationToken));

        var keyId = new Argument<string>("KEY_ID") { Description = "the key's id, as 'councils keys list' shows it" };
        var revoke = new Command("revoke", "Revoke a key: from now on it is refused (401) everywhere. Reports made with it stay, with their audit entries.") { keyId };
        revoke.WithAction((parseResult, output, error, cancellationToken) =>
            WithRedisAsync(parseResult, redis, error, async connection =>
            {
                var id = parseResult.GetRequiredValue(keyId).Trim();
                var record = await new CouncilKeyStore(connection).RevokeAsync(id, DateTimeOffset.UtcNow);
                if (record is null)
                {
                    await error.WriteLineAsync($"councils keys revoke: no key '{id}' (see 'councils keys list'); nothing revoked.");
                    return 1;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"revoked key {record.Id} of {record.Council} (at {record.RevokedAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
                return 0;
            }, cancellationToken));

        var keys = new Command("keys", "Council keys: issue one, list them, revoke one.") { issue, list, revoke };
        return new Command(Name, "The councils of a running app: their keys. Exit 1 when the council or key is unknown.") { redis, keys };
    }

    /// <summary>Runs the command as the program does (parsing included), writing to the given writers.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        IngestCli.RunAsync([Name, .. args], output, error, cancellationToken);

    private static async Task<int> WithRedisAsync(ParseResult parseResult, Option<string> redisOption, TextWriter error, Func<IConnectionMultiplexer, Task<int>> action, CancellationToken cancellationToken)
    {
        var configuration = RedisCli.Resolve(parseResult, redisOption, out var problem);
        if (configuration is null)
        {
            return CliUsage.Fail(parseResult, error, problem ?? $"councils needs the app's Redis: pass --redis host:port or set {RedisCli.ConnectionVariable}.");
        }

        await using var redis = await RedisCli.ConnectOrReportAsync(parseResult, configuration, error);
        if (redis is null)
        {
            return CliUsage.ExitCode;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await action(redis);
    }
}
