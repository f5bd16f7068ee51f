using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway.Tests.Recommendations;

/// <summary>
/// Bad input never reaches the recommender: the gateway answers 400 with a ProblemDetails body
/// naming the field. The recommender URL and Redis point nowhere, so a request that slipped through
/// would show up as a 503, not a 400.
/// </summary>
public sealed class GatewayBadInputTests : IClassFixture<GatewayBadInputTests.GatewayFactory>
{
    private readonly HttpClient _client;

    public GatewayBadInputTests(GatewayFactory factory) => _client = factory.CreateClient();

    public sealed class GatewayFactory : WebApplicationFactory<RecommenderClient>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.UseSetting("Recommend:RecommenderUrl", "http://127.0.0.1:9")
                .UseSetting("ConnectionStrings:cache", "127.0.0.1:9,abortConnect=false,connectTimeout=500");
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "empty body", "", "body" },
        { "not json", "reduce loneliness", "body" },
        { "json array", "[1,2]", "body" },
        { "json null", "null", "body" },
        { "challenge is a number", """{"challenge": 42}""", "challenge" },
        { "limit is a string", """{"challenge": "loneliness", "limit": "ten"}""", "limit" },
        { "limit too big", """{"challenge": "loneliness", "limit": 100000}""", "limit" },
        { "limit zero", """{"challenge": "loneliness", "limit": 0}""", "limit" },
        { "limit beyond int", """{"challenge": "loneliness", "limit": 99999999999999}""", "limit" },
        { "priorities not a list", """{"challenge": "loneliness", "priorities": "transport"}""", "priorities" },
        { "unknown priority", """{"challenge": "loneliness", "priorities": ["parks"]}""", "priorities" },
        { "unknown field", """{"challenge": "loneliness", "colour": "blue"}""", "colour" },
        { "missing challenge", """{"limit": 5}""", "challenge" },
        { "blank challenge", """{"challenge": "   "}""", "challenge" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadRecommendationRequestAnswersValidationProblem(string because, string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/recommendations", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{because}: errors should name '{field}'");
    }

    [Fact]
    public async Task OneMegabyteChallengeIsOverTheGatewayBodyLimit()
    {
        var body = JsonSerializer.Serialize(new { challenge = new string('x', 1024 * 1024) });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/recommendations", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongContentTypeAnswersUnsupportedMediaTypeProblem()
    {
        using var content = new StringContent("""{"challenge": "loneliness"}""", Encoding.UTF8, "text/plain");
        using var response = await _client.PostAsync("/api/v1/recommendations", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ValidRequestWithTheRecommenderDownAnswersServiceUnavailableProblem()
    {
        using var content = new StringContent("""{"challenge": "loneliness"}""", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/recommendations", content);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string> BadCouncilRequests => new()
    {
        { "no query", "/api/v1/councils", "query" },
        { "empty query", "/api/v1/councils?query=", "query" },
        { "blank query", "/api/v1/councils?query=%20%20", "query" },
        { "query over 100 characters", "/api/v1/councils?query=" + new string('a', 101), "query" },
        { "limit zero", "/api/v1/councils?query=corn&limit=0", "limit" },
        { "limit over 50", "/api/v1/councils?query=corn&limit=51", "limit" },
        { "limit not a number", "/api/v1/councils?query=corn&limit=ten", "limit" },
        { "limit beyond int", "/api/v1/councils?query=corn&limit=99999999999999", "limit" },
        { "negative limit", "/api/v1/councils?query=corn&limit=-1", "limit" },
        { "code of two letters", "/api/v1/councils/CO", "code" },
        { "code with digits", "/api/v1/councils/C0N", "code" },
        { "code of five letters", "/api/v1/councils/CORNW", "code" },
        { "GSS code too short", "/api/v1/councils/E0600005", "code" },
        { "GSS code with a letter inside", "/api/v1/councils/E06O00052", "code" },
        { "code with a space", "/api/v1/councils/C%20N", "code" },
        { "similar with a bad code", "/api/v1/councils/cornwall/similar", "code" },
        { "similar with limit over 50", "/api/v1/councils/CON/similar?limit=51", "limit" },
        { "similar with limit not a number", "/api/v1/councils/CON/similar?limit=1.5", "limit" },
    };

    [Theory]
    [MemberData(nameof(BadCouncilRequests))]
    public async Task BadCouncilRequestAnswersValidationProblem(string because, string path, string field)
    {
        using var response = await _client.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{because}: errors should name '{field}'");
    }

    [Theory]
    [InlineData("/api/v1/councils?query=corn")]
    [InlineData("/api/v1/councils/CON")]
    [InlineData("/api/v1/councils/gmca")]
    [InlineData("/api/v1/councils/E06000052/similar?limit=5")]
    public async Task ValidCouncilRequestBeforeTheGatewayHasReadTheCouncilsFromRedisAnswersServiceUnavailableProblem(string path)
    {
        // Councils are served from the gateway's own copy of the list in Redis, never by a recommender;
        // Redis points nowhere here, so the list has never been read.
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Councils not loaded yet", problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("Not-A-Slug")]
    [InlineData("x%20y")]
    public async Task BadPracticeIdAnswersValidationProblem(string id)
    {
        using var response = await _client.GetAsync($"/api/v1/practices/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
