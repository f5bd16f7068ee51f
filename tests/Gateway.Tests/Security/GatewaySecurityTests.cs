using System.Net;
using System.Text;
using System.Text.Json;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Security;

/// <summary>The guard at the gateway (OWASP API Top 10): headers, CORS, body limit, rate limit, safe errors.</summary>
public sealed class GatewaySecurityTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Portal = "https://portal.example.gov.uk";

    private GatewayFactory Create(params (string Key, string Value)[] settings) =>
        new(redis.ConnectionString, settings: settings.ToDictionary(s => s.Key, s => s.Value));

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/v1/practices/no-such-practice!")]
    [InlineData("/no/such/page")]
    [InlineData("/openapi/v1.json")]
    public async Task EveryAnswerCarriesTheSecurityHeaders(string path)
    {
        await using var gateway = Create();
        using var response = await gateway.CreateClient().GetAsync(path);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task ApiReferenceIsServedLocallyAndRelaxesOnlyStylesNeverScripts()
    {
        await using var gateway = Create();
        using var response = await gateway.CreateClient().GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        using var script = await gateway.CreateClient().GetAsync("/docs/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task CrossOriginRequestsGetNoCorsHeadersByDefault()
    {
        await using var gateway = Create();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/recommendations");
        request.Headers.Add("Origin", Portal);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        using var response = await gateway.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnAllowListedOriginMayCallAndOthersMayNot()
    {
        await using var gateway = Create(("Recommend:Cors:AllowedOrigins:0", Portal));
        var client = gateway.CreateClient();

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/recommendations");
        preflight.Headers.Add("Origin", Portal);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var allowed = await client.SendAsync(preflight);
        Assert.Equal(Portal, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/practices");
        other.Headers.Add("Origin", "https://evil.example.com");
        using var refused = await client.SendAsync(other);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task BodyOverTheLimitAnswersPayloadTooLargeProblem()
    {
        await using var gateway = Create(("Recommend:RequestBody:MaxBytes", "4096"));
        using var content = new StringContent(JsonSerializer.Serialize(new { challenge = new string('x', 10_000) }), Encoding.UTF8, "application/json");
        using var response = await gateway.CreateClient().PostAsync("/api/v1/recommendations", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413);
    }

    [Fact]
    public async Task BodyOverTheLimitOverRealSocketsIsAnAnswerNotAReset()
    {
        await using var gateway = Create(("Recommend:RequestBody:MaxBytes", "4096"));
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var client = gateway.CreateClient();
        using var content = new ByteArrayContent(new byte[512 * 1024]);
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync("/api/v1/recommendations", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413);
    }

    /// <summary>
    /// Over the gateway's limit (1 MiB) or the endpoint's own (recommendations: 64 KiB), declared
    /// with Content-Length or sent chunked with no length at all: the same 413 ProblemDetails.
    /// </summary>
    [Theory]
    [InlineData(100 * 1024, false)]
    [InlineData(100 * 1024, true)]
    [InlineData(2 * 1024 * 1024, false)]
    [InlineData(2 * 1024 * 1024, true)]
    public async Task BodyOverALimitAnswersPayloadTooLargeProblemWithOrWithoutContentLength(int bytes, bool chunked)
    {
        await using var gateway = Create();
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/recommendations") { Content = JsonBodyOf(bytes) };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertProblemAsync(response, 413);
    }

    /// <summary>
    /// A throttled POST is refused before its body is read; the client must still get its 429 (a
    /// fuzz run once saw a reset instead). Real sockets: the in-memory test server cannot reset.
    /// </summary>
    [Theory]
    [InlineData(40 * 1024, false)]
    [InlineData(40 * 1024, true)]
    [InlineData(200 * 1024, true)]
    public async Task ThrottledPostWithAnUnreadBodyStillGetsTooManyRequestsProblem(int bytes, bool chunked)
    {
        await using var gateway = Create(("Recommend:RateLimit:PermitsPerSecond", "1"), ("Recommend:RateLimit:BurstLimit", "1"));
        gateway.UseKestrel(0);
        gateway.StartServer();
        using var client = gateway.CreateClient();
        var throttled = 0;
        var answers = new List<int>();
        for (var attempt = 0; attempt < 200 && throttled < 20; attempt++)
        {
            // 200 kB chunked: over the recommendations endpoint's 64 KiB, which only reading would find.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/recommendations") { Content = JsonBodyOf(bytes) };
            request.Headers.TransferEncodingChunked = chunked;
            using var response = await client.SendAsync(request);
            answers.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled++;
                Assert.True(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
                await AssertProblemAsync(response, 429);
            }
        }

        Assert.True(throttled == 20, $"20 throttled answers expected, got {throttled}: {string.Join(",", answers)}");
    }

    [Fact]
    public async Task TooManyRequestsFromOneClientAnswerProblemWithRetryAfter()
    {
        await using var gateway = Create(("Recommend:RateLimit:PermitsPerSecond", "1"), ("Recommend:RateLimit:BurstLimit", "3"));
        var client = gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/practices?limit=1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(statuses.Count >= 4, $"limited after {statuses.Count - 1} requests, burst is 3");
            Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            await AssertProblemAsync(limited, 429);
        }

        using var health = await client.GetAsync("/health");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
    }

    [Fact]
    public async Task ZeroPermitsPerSecondSwitchesTheRateLimitOff()
    {
        await using var gateway = Create(("Recommend:RateLimit:PermitsPerSecond", "0"), ("Recommend:RateLimit:BurstLimit", "1"));
        var client = gateway.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/app.css");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("/no/such/page", 404)]
    [InlineData("/api/v1/practices?limit=ten", 400)]
    public async Task ErrorsAreProblemsWithATraceIdAndNothingInternal(string path, int status)
    {
        await using var gateway = Create();
        using var response = await gateway.CreateClient().GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        var body = await AssertProblemAsync(response, status);
        Assert.DoesNotContain("127.0.0.1", body);
        Assert.DoesNotContain("   at ", body);
    }

    /// <summary>A JSON recommendation request of exactly <paramref name="bytes"/> bytes.</summary>
    private static ByteArrayContent JsonBodyOf(int bytes)
    {
        var prefix = "{\"challenge\":\"";
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', bytes - prefix.Length - 2) + "\"}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("trace_id").GetString()));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        return body;
    }
}
