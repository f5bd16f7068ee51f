using Recommend.Contracts.Storage;
using Recommend.Ingest.Cli;
using Recommend.ServiceDefaults.Councils.Keys;
using Recommend.TestSupport.Redis;

namespace Recommend.Ingest.Tests.Cli;

/// <summary>The operator's <c>councils keys</c> against a real redis-server: issue prints the key once and stores only its hash; list never shows keys; revoke refuses the key from then on.</summary>
public sealed class CouncilsCommandTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await redis.Connection.GetDatabase().HashSetAsync(StoreKeys.Councils, "CON", """{"code": "CON"}""");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnIssuedKeySpeaksForItsCouncilUntilRevokedAndIsNeverStoredOrListed()
    {
        var issued = await RunAsync("keys", "issue", "con");
        Assert.Equal(0, issued.Exit);
        var key = issued.Output.Split('\n').Single(l => l.StartsWith("rck_", StringComparison.Ordinal)).Trim();
        var keys = new CouncilKeyStore(redis.Connection);
        var check = await keys.CheckAsync(key);
        Assert.Equal((CouncilKeyVerdict.Valid, "CON"), (check.Verdict, check.Council));
        var stored = await redis.Connection.GetDatabase().HashGetAllAsync(StoreKeys.CouncilKeys);
        // The secret is everything after the id: base64url, so it may itself hold '_' (or begin with one).
        var secret = key[(key.IndexOf('_', "rck_".Length) + 1)..];
        Assert.NotEmpty(secret);
        Assert.DoesNotContain(secret, string.Join('\n', stored.Select(e => (string?)e.Value)));

        var listed = await RunAsync("keys", "list");
        Assert.Contains(check.KeyId!, listed.Output);
        Assert.DoesNotContain(key, listed.Output);

        var revoked = await RunAsync("keys", "revoke", check.KeyId!);
        Assert.Equal(0, revoked.Exit);
        Assert.Equal(CouncilKeyVerdict.Revoked, (await keys.CheckAsync(key)).Verdict);
        Assert.Equal(CouncilKeyVerdict.NotAccepted, (await keys.CheckAsync(key[..^1] + (key[^1] == 'a' ? 'b' : 'a'))).Verdict);
    }

    [Theory]
    [InlineData("no council 'ZZZ'", "keys", "issue", "ZZZ")]
    [InlineData("no key 'abcdef012345'", "keys", "revoke", "abcdef012345")]
    public async Task AnUnknownCouncilOrKeyExitsOneAndChangesNothing(string message, params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(1, result.Exit);
        Assert.Contains(message, result.Error);
        Assert.Equal(0, await redis.Connection.GetDatabase().HashLengthAsync(StoreKeys.CouncilKeys));
    }

    [Fact]
    public async Task ACodeThatIsNoCouncilCodeIsAUsageMistake()
    {
        var result = await RunAsync("keys", "issue", "12");

        Assert.Equal(2, result.Exit);
        Assert.Contains("A council code is three letters", result.Error);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CouncilsCommand.RunAsync([.. args, "--redis", redis.ConnectionString], stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
