using System.Net;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Browse;

/// <summary>GET /api/v1/practices over the seed catalogue, published to a real redis-server by the real publisher.</summary>
public sealed class BrowseApiTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;
    private static IReadOnlyList<Practice> Seed => SeedData.Practices;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        var version = (await TestPublishing.PublishAsync(redis.Connection, Seed)).Version;
        _gateway = new GatewayFactory(redis.ConnectionString);
        _client = _gateway.CreateClient();
        await _gateway.WaitForIndexVersionAsync(version);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task WithoutFiltersEveryPracticeIsCountedAndTheFirstPageListed()
    {
        var page = await BrowseAsync("");

        Assert.Equal(Seed.Count, page.GetProperty("total").GetInt32());
        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        var areaTotal = page.GetProperty("facets").GetProperty("area").EnumerateArray().Sum(f => f.GetProperty("count").GetInt32());
        Assert.Equal(Seed.Sum(p => p.ServiceAreas.Count), areaTotal);
    }

    [Fact]
    public async Task FiltersCombineAndMatchTheCatalogue()
    {
        var page = await BrowseAsync("?area=Housing%20%26%20Homelessness&min_evidence=2&limit=100");

        var expected = Seed.Where(p => p.ServiceAreas.Contains("housing_homelessness") && p.Evidence.Level >= 2).Select(p => p.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order().ToList());
        Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task FacetsIgnoreTheirOwnFilterSoTheAlternativesStayVisible()
    {
        var page = await BrowseAsync("?area=education");

        var areas = page.GetProperty("facets").GetProperty("area").EnumerateArray().Select(f => f.GetProperty("value").GetString()).ToList();
        Assert.Contains("education", areas);
        Assert.Contains("housing_homelessness", areas);
        var levels = page.GetProperty("facets").GetProperty("evidence_level").EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(Seed.Count(p => p.ServiceAreas.Contains("education") && p.Evidence.Level == 1), levels.GetValueOrDefault("1"));
    }

    [Fact]
    public async Task SearchNeedsEveryWordAndRanksTitleMatchesFirst()
    {
        var target = Seed.First(p => p.Title.Split(' ').Any(w => w.Length > 6));
        var word = target.Title.Split(' ').First(w => w.Length > 6).Trim(',', '.', ':', '(', ')');

        var page = await BrowseAsync($"?query={Uri.EscapeDataString(word)}&limit=100");
        var none = await BrowseAsync("?query=zzzqqqxx");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == target.Id);
        Assert.Contains(word.ToLowerInvariant()[..5], items[0].GetProperty("title").GetString()!.ToLowerInvariant());
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PagesDoNotOverlapAndCoverEveryMatch()
    {
        var first = await BrowseAsync("?limit=7");
        var second = await BrowseAsync("?limit=7&offset=7");

        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(14, ids.Distinct().Count());
    }

    [Fact]
    public async Task CountryAndCostFiltersUseTheEvidenceContextAndTheRatedBand()
    {
        var page = await BrowseAsync("?country=scotland&max_cost=2&limit=100");

        var expected = Seed.Count(p => (p.EvidenceContext?.Countries ?? []).Contains("Scotland") && p.Cost.Band <= 2);
        Assert.Equal(expected, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?min_evidence=6", "min_evidence")]
    [InlineData("?max_cost=0", "max_cost")]
    [InlineData("?area=parks", "area")]
    public async Task BadParametersAnswerValidationProblemNamingThem(string queryString, string field)
    {
        using var response = await _client.GetAsync("/api/v1/practices" + queryString);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<JsonElement> BrowseAsync(string queryString)
    {
        using var response = await _client.GetAsync("/api/v1/practices" + queryString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
