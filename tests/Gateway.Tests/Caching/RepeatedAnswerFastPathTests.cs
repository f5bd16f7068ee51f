using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;
using Recommend.Gateway.Tests.Redis;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Metrics;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Caching;

/// <summary>
/// The gateway's early answer to an exact repeat (<see cref="RepeatedAnswerFastPath"/>), with an
/// in-process recommender on one real redis-server: what it answers is what the normal path answers,
/// it stands aside for anything unusual, keeps the rate limit, and never serves an older index version.
/// The gateway's "recommend.gateway.repeat_answers" counter tells which path answered.
/// </summary>
public sealed class RepeatedAnswerFastPathTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Url = "/api/v1/recommendations";
    private const string AllowedOrigin = "https://portal.example.gov.uk";
    private const string Body = """{"challenge":"young people not in education or work","council":"MAN"}""";

    // The same request in other bytes: the normal path gives it the same cached answer.
    private const string SameRequestOtherBytes = """{"council":"man","challenge":"Young people  not in education or work"}""";

    private readonly List<IAsyncDisposable> _gateways = [];
    private readonly LogCapture _logs = new();
    private RecommenderFactory _recommender = null!;
    private string _version = "";
    private int _recommendationCalls;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        (_recommender, _version) = await RecommenderFactory.StartOnSeedAsync(redis);
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await _recommender.DisposeAsync();
    }

    [Fact]
    public async Task RepeatIsAnsweredEarlyWithTheNormalPathsStatusBytesAndHeaders()
    {
        var (gateway, repeats) = await StartGatewayAsync();
        var client = gateway.CreateClient();

        using var ranked = await PostAsync(client, Body);
        Assert.Equal(HttpStatusCode.OK, ranked.StatusCode);
        var callsAfterRanking = Volatile.Read(ref _recommendationCalls);

        // First sight of these bytes: the normal path answers from the response cache and remembers them.
        using var normal = await PostAsync(client, SameRequestOtherBytes);
        Assert.Equal(0, repeats.Count);
        // The same bytes again: answered before the endpoint.
        using var early = await PostAsync(client, SameRequestOtherBytes);
        Assert.Equal(1, repeats.Count);
        Assert.Equal(callsAfterRanking, Volatile.Read(ref _recommendationCalls));

        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var normalBytes = await normal.Content.ReadAsByteArrayAsync();
        Assert.Equal(normalBytes, await early.Content.ReadAsByteArrayAsync());
        Assert.Contains("\"cached\":true", Encoding.UTF8.GetString(normalBytes));
        Assert.Equal(HeadersOf(normal), HeadersOf(early));
        Assert.Equal("application/json; charset=utf-8", early.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", early.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'self'", early.Headers.GetValues("Content-Security-Policy").Single());
        AssertNoFrameworkWarnings();
    }

    [Fact]
    public async Task UnusualRequestsTakeTheNormalPath()
    {
        var (gateway, repeats) = await StartGatewayAsync();
        var client = gateway.CreateClient();
        using (await PostAsync(client, Body))
        {
        }

        // An Origin: CORS decides, and an allowed origin gets its header.
        using (var request = Post(Body))
        {
            request.Headers.Add("Origin", AllowedOrigin);
            using var response = await client.SendAsync(request);
            await AssertCachedAsync(response);
            Assert.Equal(AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }

        Assert.True(repeats.Count == 0, "answered early despite an Origin");

        // A query string.
        using (var response = await client.PostAsync($"{Url}?page=2", Json(Body)))
        {
            await AssertCachedAsync(response);
        }

        Assert.True(repeats.Count == 0, "answered early despite a query string");

        // No declared length (chunked).
        using (var request = Post(Body))
        {
            request.Headers.TransferEncodingChunked = true;
            using var response = await client.SendAsync(request);
            await AssertCachedAsync(response);
        }

        Assert.True(repeats.Count == 0, "answered early despite no Content-Length");

        // The same request in a body over the fast path's size.
        using (var response = await PostAsync(client, Body[..^1] + new string(' ', RepeatedAnswerFastPath.MaxBodyBytes) + "}"))
        {
            await AssertCachedAsync(response);
        }

        Assert.True(repeats.Count == 0, "answered early despite a large body");

        // Another content type: the normal path's 415, as ever.
        using (var response = await client.PostAsync(Url, new StringContent(Body, Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.True(repeats.Count == 0, "answered early despite another content type");

        // The plain repeat is answered early: the cases above were not missed for want of a remembered body.
        using (var response = await PostAsync(client, Body))
        {
            await AssertCachedAsync(response);
        }

        Assert.Equal(1, repeats.Count);
        AssertNoFrameworkWarnings();
    }

    [Fact]
    public async Task RepeatsSpendTheClientsRateLimitAndAreRefusedWhenItIsSpent()
    {
        var (gateway, repeats) = await StartGatewayAsync(("Recommend:RateLimit:PermitsPerSecond", "1"), ("Recommend:RateLimit:BurstLimit", "3"));
        var client = gateway.CreateClient();
        using (await PostAsync(client, Body))
        {
        }

        // Three permits at first and one a second after: a run of repeats meets a 429 long before 50.
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            var response = await PostAsync(client, Body);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
                break;
            }

            await AssertCachedAsync(response);
            response.Dispose();
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(refused.Headers.RetryAfter is not null);
        }

        Assert.True(repeats.Count >= 1, "no repeat was answered early before the limit was reached");
    }

    [Fact]
    public async Task RepeatIsNotAnsweredFromAnOlderIndexVersion()
    {
        var (gateway, repeats) = await StartGatewayAsync();
        var client = gateway.CreateClient();
        using (await PostAsync(client, Body))
        {
        }

        using (var early = await PostAsync(client, Body))
        {
            Assert.Equal(_version, (await ReadAsync(early)).GetProperty("index_version").GetString());
        }

        Assert.Equal(1, repeats.Count);
        var calls = Volatile.Read(ref _recommendationCalls);

        var newVersion = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices.Skip(3).ToList())).Version;
        await _recommender.WaitForVersionAsync(newVersion);
        await WaitForIndexVersionAsync(gateway, newVersion);

        using (var afterPublish = await PostAsync(client, Body))
        {
            var answer = await ReadAsync(afterPublish);
            Assert.False(answer.GetProperty("cached").GetBoolean());
            Assert.Equal(newVersion, answer.GetProperty("index_version").GetString());
        }

        Assert.True(Volatile.Read(ref _recommendationCalls) > calls);
        Assert.Equal(1, repeats.Count);

        using (var repeat = await PostAsync(client, Body))
        {
            var answer = await ReadAsync(repeat);
            Assert.True(answer.GetProperty("cached").GetBoolean());
            Assert.Equal(newVersion, answer.GetProperty("index_version").GetString());
        }

        Assert.Equal(2, repeats.Count);
    }

    [Fact]
    public async Task ReplayedBodyGivesTheBytesReadThenTheErrorThatStoppedTheRead()
    {
        var failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(new IOException("client went away"));
        await using var body = new ReplayedBodyStream([1, 2, 3, 9], 3, failure);
        var buffer = new byte[2];

        Assert.Equal(2, await body.ReadAsync(buffer));
        Assert.Equal(new byte[] { 1, 2 }, buffer);
        Assert.Equal(1, await body.ReadAsync(buffer));
        Assert.Equal(3, buffer[0]);
        await Assert.ThrowsAsync<IOException>(() => body.ReadAsync(buffer).AsTask());

        await using var whole = new ReplayedBodyStream([7], 1, failure: null);
        Assert.Equal(1, await whole.ReadAsync(buffer));
        Assert.Equal(0, await whole.ReadAsync(buffer));
    }

    private async Task<(WebApplicationFactory<RecommenderClient> Gateway, HostCounter Repeats)> StartGatewayAsync(params (string Key, string Value)[] settings)
    {
        var gateway = new WebApplicationFactory<RecommenderClient>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
            builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
            builder.UseSetting("Recommend:Cors:AllowedOrigins:0", AllowedOrigin);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
            builder.ConfigureTestServices(services =>
            {
                GatewayFactory.UseInProcessRecommender(services, _recommender);
                // Counts what reaches the recommender, so "answered by the gateway" means no call was made.
                services.AddHttpClient<RecommenderClient>().AddHttpMessageHandler(() => new CallCounter(() => Interlocked.Increment(ref _recommendationCalls)));
            });
        });
        _gateways.Add(gateway);
        // Kestrel, not the test server: its own body reading, chunked bodies and response headers.
        gateway.UseKestrel(0);
        gateway.StartServer();
        var repeats = new HostCounter(gateway.Services.GetRequiredService<IMeterFactory>(), "recommend.gateway.repeat_answers");
        _gateways.Add(new DisposeAsAsync(repeats));
        await WaitForIndexVersionAsync(gateway, _version);
        return (gateway, repeats);
    }

    private static Task WaitForIndexVersionAsync(WebApplicationFactory<RecommenderClient> gateway, string version) =>
        TestCouncils.WaitUntilAsync(() => gateway.Services.GetRequiredService<IndexVersionWatcher>().Current == version, TimeSpan.FromSeconds(30), $"the gateway reading index version {version}");

    /// <summary>
    /// A body read by the fast path and passed on must not make routing or the body limit warn that the
    /// size limit could not be set (it did, once per request, before the fast path stood in for it).
    /// </summary>
    private void AssertNoFrameworkWarnings() =>
        Assert.DoesNotContain(_logs.Lines, line => line.Level >= LogLevel.Warning && line.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

    private static HttpRequestMessage Post(string body) => new(HttpMethod.Post, Url) { Content = Json(body) };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) => client.PostAsync(Url, Json(body));

    private static async Task AssertCachedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadAsync(response)).GetProperty("cached").GetBoolean());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync()).RootElement;

    /// <summary>Every response and content header but Date, as sorted "name: value" lines.</summary>
    private static List<string> HeadersOf(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key != "Date")
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}")
            .Order(StringComparer.Ordinal)];

    private sealed class CallCounter(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == Url)
            {
                count();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class DisposeAsAsync(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
