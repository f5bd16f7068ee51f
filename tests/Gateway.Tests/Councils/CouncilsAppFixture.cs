using Recommend.ServiceDefaults.Councils;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Councils;

/// <summary>
/// Gateway -> recommender -> Redis, in process: ingest's worker publishes the councils (mySociety's
/// full list when ../shared has it, the examples otherwise), and the recommender and the gateway each
/// load them from Redis; the gateway calls the recommender through its in-memory server.
/// </summary>
public sealed class CouncilsAppFixture : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private RecommenderFactory _recommender = null!;
    private GatewayFactory _gateway = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public int CouncilCount { get; private set; }

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        await TestCouncils.RunWorkerAsync(_redis.Connection, TestCouncils.ReferenceCsvIfPresent);
        CouncilCount = (await TestCouncils.ReadStoredAsync(_redis.Connection)).Count;

        _recommender = new RecommenderFactory(_redis.ConnectionString);
        _ = _recommender.CreateClient();
        var registry = (CouncilRegistry)_recommender.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.All.Count == CouncilCount, TimeSpan.FromSeconds(30), $"loading {CouncilCount} councils");

        _gateway = new GatewayFactory(_redis.ConnectionString, _recommender);
        Gateway = _gateway.CreateClient();
        var gatewayCouncils = (CouncilRegistry)_gateway.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => gatewayCouncils.Current.Directory.All.Count == CouncilCount, TimeSpan.FromSeconds(30), $"the gateway loading {CouncilCount} councils");
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _recommender.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
