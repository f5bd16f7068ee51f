using System.Net;
using System.Text.Json;
using Recommend.TestSupport.Data;

namespace Recommend.Gateway.Tests.Councils;

/// <summary>The public council endpoints, asked through the gateway of an app whose councils came from Redis.</summary>
public sealed class CouncilsApiTests(CouncilsAppFixture app) : IClassFixture<CouncilsAppFixture>
{
    /// <summary>ONS's Inner London (statistical definition).</summary>
    private static readonly HashSet<string> InnerLondon =
    [
        "Camden", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Islington", "Kensington and Chelsea",
        "Lambeth", "Lewisham", "Newham", "Southwark", "Tower Hamlets", "Wandsworth", "Westminster",
    ];

    [Fact]
    public async Task SearchingByPartOfANameFindsTheCouncilFirst()
    {
        var answer = await GetOkAsync("/api/v1/councils?query=cornw");

        var first = answer.GetProperty("councils")[0];
        Assert.Equal("CON", first.GetProperty("code").GetString());
        Assert.Equal("unitary", first.GetProperty("governance_type").GetString());
        Assert.Equal("cornw", answer.GetProperty("query").GetString());
    }

    [Fact]
    public async Task SearchingByGssCodeFindsTheCouncil()
    {
        var answer = await GetOkAsync("/api/v1/councils?query=e06000052");

        Assert.Equal("CON", answer.GetProperty("councils")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task SearchReturnsAtMostTheLimit()
    {
        var answer = await GetOkAsync("/api/v1/councils?query=a&limit=3");

        Assert.Equal(3, answer.GetProperty("count").GetInt32());
        Assert.Equal(3, answer.GetProperty("councils").GetArrayLength());
    }

    [Theory]
    [InlineData("BPL")]
    [InlineData("bpl")]
    [InlineData("E06000009")]
    public async Task ACouncilIsFoundByCodeInAnyCaseOrByGssCode(string code)
    {
        var council = await GetOkAsync($"/api/v1/councils/{code}");

        Assert.Equal("BPL", council.GetProperty("code").GetString());
        Assert.Equal("Blackpool", council.GetProperty("name").GetString());
        Assert.Equal(1, council.GetProperty("deprivation_decile").GetInt32());
        Assert.Equal("/api/v1/councils/BPL/similar", council.GetProperty("similar").GetString());
    }

    [Theory]
    [InlineData("/api/v1/councils/ZZZ")]
    [InlineData("/api/v1/councils/E06999999")]
    [InlineData("/api/v1/councils/ZZZ/similar")]
    public async Task AnUnknownCodeAnswersNotFoundProblemSayingHowToFindCodes(string path)
    {
        using var response = await app.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("/api/v1/councils?query=", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimilarCouncilsComeNearestFirstEachExplainedLargestDriverFirst()
    {
        var answer = await GetOkAsync("/api/v1/councils/BPL/similar?limit=5");

        Assert.Equal("BPL", answer.GetProperty("council").GetProperty("code").GetString());
        Assert.Contains("CIPFA", answer.GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.Equal("docs/similar-councils.md", answer.GetProperty("documentation").GetString());
        var neighbours = answer.GetProperty("neighbours").EnumerateArray().ToList();
        Assert.Equal(5, neighbours.Count);
        Assert.DoesNotContain(neighbours, n => n.GetProperty("code").GetString() == "BPL");
        var distances = neighbours.Select(n => n.GetProperty("distance").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        foreach (var neighbour in neighbours)
        {
            var drivers = neighbour.GetProperty("drivers").EnumerateArray().ToList();
            Assert.Equal(["deprivation", "governance_type", "place", "population", "rural_share"], drivers.Select(d => d.GetProperty("field").GetString()).Order());
            var contributions = drivers.Select(d => d.GetProperty("contribution").GetDouble()).ToList();
            Assert.Equal(contributions.OrderDescending(), contributions);
            // Both are rounded to three decimals, so they agree to a couple of hundredths.
            Assert.Equal(Math.Pow(neighbour.GetProperty("distance").GetDouble(), 2), contributions.Sum(), 0.02);
            Assert.StartsWith("score ", drivers.Single(d => d.GetProperty("field").GetString() == "deprivation").GetProperty("council_value").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SimilarCouncilsDefaultToTen()
    {
        var answer = await GetOkAsync("/api/v1/councils/KWL/similar");

        Assert.Equal(10, answer.GetProperty("neighbours").GetArrayLength());
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task TheFullUkListIsServed()
    {
        Assert.True(app.CouncilCount >= 397, $"{app.CouncilCount} councils");
        var answer = await GetOkAsync("/api/v1/councils?query=armagh");

        Assert.Equal("ABC", answer.GetProperty("councils")[0].GetProperty("code").GetString());
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task CornwallsAndHighlandsNeighboursAreRural()
    {
        foreach (var code in new[] { "CON", "HLD" })
        {
            var neighbours = (await GetOkAsync($"/api/v1/councils/{code}/similar?limit=5")).GetProperty("neighbours").EnumerateArray().ToList();

            // Somerset (47% rural, "urban_with_rural") is a fair neighbour of Cornwall; a wholly urban council is not.
            Assert.All(neighbours, n => Assert.NotEqual("urban", n.GetProperty("rural_urban").GetString()));
            Assert.All(neighbours, n => Assert.DoesNotContain(n.GetProperty("governance_type").GetString(), new[] { "london_borough", "metropolitan_district" }));
        }
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task HighlandsNearestNeighboursAreSparseRuralScottishCouncils()
    {
        var neighbours = (await GetOkAsync("/api/v1/councils/HLD/similar?limit=4")).GetProperty("neighbours").EnumerateArray().ToList();

        Assert.All(neighbours, n => Assert.Equal("sparse_rural", n.GetProperty("rural_urban").GetString()));
        Assert.All(neighbours, n => Assert.Equal("Scotland", n.GetProperty("nation").GetString()));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task TowerHamletsNeighboursIncludeInnerLondonBoroughs()
    {
        var neighbours = (await GetOkAsync("/api/v1/councils/TWH/similar?limit=5")).GetProperty("neighbours").EnumerateArray().ToList();

        var names = neighbours.Select(n => n.GetProperty("name").GetString()!).ToList();
        Assert.All(neighbours, n => Assert.Equal("london_borough", n.GetProperty("governance_type").GetString()));
        Assert.True(names.Count(InnerLondon.Contains) >= 3, $"nearest were {string.Join(", ", names)}");
    }

    private async Task<JsonElement> GetOkAsync(string path)
    {
        using var response = await app.Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
