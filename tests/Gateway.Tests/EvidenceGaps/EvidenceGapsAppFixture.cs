using Recommend.ServiceDefaults.Councils;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.EvidenceGaps;

/// <summary>
/// The gateway in process over a real redis-server holding what ingest writes: the seed catalogue
/// (by the real publisher) and the councils (by the real council worker: mySociety's full list when
/// ../shared has it, the examples otherwise). Set up once for the class: publishing is the slow part.
/// </summary>
public sealed class EvidenceGapsAppFixture : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private GatewayFactory _gateway = null!;

    public HttpClient Client { get; private set; } = null!;

    public RedisServerFixture Redis => _redis;

    public int CouncilCount { get; private set; }

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var version = (await TestPublishing.PublishAsync(_redis.Connection, SeedData.Practices)).Version;
        await TestCouncils.RunWorkerAsync(_redis.Connection, TestCouncils.ReferenceCsvIfPresent);
        CouncilCount = (await TestCouncils.ReadStoredAsync(_redis.Connection)).Count;

        _gateway = new GatewayFactory(_redis.ConnectionString);
        Client = _gateway.CreateClient();
        await _gateway.WaitForIndexVersionAsync(version);
        var councils = (CouncilRegistry)_gateway.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => councils.Current.Directory.All.Count == CouncilCount, TimeSpan.FromSeconds(30), $"the gateway loading {CouncilCount} councils");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
