using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Recommendations;
using Recommend.Recommender.Councils;

namespace Recommend.Tests.Infrastructure;

/// <summary>
/// Gateway -> recommender -> Redis, in process: ingest's worker publishes the councils (mySociety's
/// full list when ../shared has it, the examples otherwise), the recommender loads them, and the
/// gateway relays to it through the recommender's in-memory server.
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

        _gateway = new GatewayFactory(_recommender, _redis.ConnectionString);
        Gateway = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await _gateway.DisposeAsync();
        await _recommender.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private sealed class GatewayFactory(RecommenderFactory recommender, string redisConnectionString) : WebApplicationFactory<RecommenderClient>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
            builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
            builder.ConfigureTestServices(services => services
                .AddHttpClient<RecommenderClient>()
                .ConfigurePrimaryHttpMessageHandler(() => recommender.Server.CreateHandler()));
        }
    }
}
