using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Security;

/// <summary>
/// The rate limit's client address behind a reverse proxy: X-Forwarded-For counts only from a
/// configured proxy. Real sockets, so the connection has an address (127.0.0.1) as a proxy's would.
/// </summary>
public sealed class ForwardedClientAddressTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    /// <summary>Burst 3 then 1 a second: 20 quick requests from one bucket cannot all pass.</summary>
    private static readonly (string, string)[] TightLimit = [("Recommend:RateLimit:PermitsPerSecond", "1"), ("Recommend:RateLimit:BurstLimit", "3")];

    private static readonly (string, string)[] LoopbackIsTheProxy = [("Recommend:TrustedProxies:Networks:0", "127.0.0.0/8"), ("Recommend:TrustedProxies:Addresses:0", "::1")];

    private async Task<List<HttpStatusCode>> SendAsync(IEnumerable<string> forwardedFor, params (string Key, string Value)[] settings) =>
        (await SendAndInspectAsync(forwardedFor, settings)).Statuses;

    private async Task<(List<HttpStatusCode> Statuses, bool ForwardedHeadersSwitchOn)> SendAndInspectAsync(IEnumerable<string> forwardedFor, params (string Key, string Value)[] settings)
    {
        await using var gateway = new GatewayFactory(redis.ConnectionString, settings: TightLimit.Concat(settings).ToDictionary(s => s.Item1, s => s.Item2));
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var client = gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/app.css");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        // Whether the host's own ForwardedHeaders_Enabled switch took effect: its configure step (before
        // the gateway's post-configure step) turns on X-Forwarded-For for any proxy.
        var framework = new ForwardedHeadersOptions();
        foreach (var configure in gateway.Services.GetServices<IConfigureOptions<ForwardedHeadersOptions>>())
        {
            configure.Configure(framework);
        }

        var switchOn = framework.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor) && framework.KnownProxies.Count == 0 && framework.KnownIPNetworks.Count == 0;
        return (statuses, switchOn);
    }

    private static IEnumerable<string> TwentyClients() => Enumerable.Range(1, 20).Select(i => $"203.0.113.{i}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASpoofedForwardedForFromAnUnknownProxyDoesNotChangeTheClientsBucket(bool aspireForwardedHeadersSwitch)
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED (set by Aspire on published projects) would believe anyone.
        (string, string)[] settings = aspireForwardedHeadersSwitch ? [("ForwardedHeaders_Enabled", "true")] : [];

        var (statuses, switchOn) = await SendAndInspectAsync(TwentyClients(), settings);

        Assert.Equal(aspireForwardedHeadersSwitch, switchOn);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task ForwardedForFromAConfiguredProxyGivesEachClientItsOwnBucket()
    {
        var statuses = await SendAsync(TwentyClients(), LoopbackIsTheProxy);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task OneClientBehindAConfiguredProxyIsStillLimited()
    {
        var statuses = await SendAsync(Enumerable.Repeat("203.0.113.7", 20), LoopbackIsTheProxy);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }
}
