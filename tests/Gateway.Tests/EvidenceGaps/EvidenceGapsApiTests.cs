using System.Globalization;
using System.Net;
using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.Ingest.Cli;
using Recommend.TestSupport.Data;

namespace Recommend.Gateway.Tests.EvidenceGaps;

/// <summary>GET /api/v1/evidence-gaps over the seed catalogue and the councils ingest publishes, and the browse links its cells give.</summary>
public sealed class EvidenceGapsApiTests(EvidenceGapsAppFixture app) : IClassFixture<EvidenceGapsAppFixture>
{
    /// <summary>ONS mid-2020 estimate of the UK's population, rounded.</summary>
    private const long UkPopulation2020 = 67_081_000;

    private static readonly Dictionary<string, Practice> Catalogue = SeedData.Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);

    [Fact]
    public async Task EveryAreaCountsEachCouncilOnceAndItsResidentsAddUp()
    {
        using var map = await GetAsync("/api/v1/evidence-gaps");

        var root = map.RootElement;
        var councils = root.GetProperty("councils");
        Assert.Equal(app.CouncilCount, root.GetProperty("councils_loaded").GetInt32());
        Assert.Equal(ServiceArea.All, root.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("area").GetString()));
        foreach (var area in root.GetProperty("areas").EnumerateArray())
        {
            var cells = area.GetProperty("cells").EnumerateArray().ToList();
            var codes = cells.SelectMany(c => c.GetProperty("council_codes").EnumerateArray().Select(x => x.GetString()!)).ToList();
            Assert.Equal(codes.Count, codes.Distinct().Count());
            Assert.Equal(area.GetProperty("councils").GetInt32(), codes.Count);
            var population = codes.Sum(code => councils.GetProperty(code).GetProperty("population").GetInt64());
            Assert.Equal(population, cells.Sum(c => c.GetProperty("residents").GetInt64()));
            Assert.Equal(population, area.GetProperty("residents").GetInt64());
            Assert.DoesNotContain(codes, code => councils.GetProperty(code).GetProperty("governance_type").GetString() == "combined_authority");
        }
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task OnTheFullUkListTheResidentsOfEveryAreaAreTheUkPopulationAndTheCliAgrees()
    {
        using var map = await GetAsync("/api/v1/evidence-gaps");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var scratch = new TempFolder();

        var exit = await GapsCommand.RunAsync(["--out", scratch.File("out"), "--councils", SharedFiles.PathOf(SharedFiles.UkLocalAuthorities)], output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        foreach (var area in map.RootElement.GetProperty("areas").EnumerateArray())
        {
            var residents = area.GetProperty("residents").GetInt64();
            Assert.InRange(residents, UkPopulation2020 * 0.9, UkPopulation2020 * 1.1);
            // The CLI prints the same headline from the same computation over the same list and catalogue.
            var share = area.GetProperty("share_without_similar_evidence").GetDouble();
            Assert.Contains(
                string.Create(CultureInfo.InvariantCulture, $"| `{area.GetProperty("area").GetString()}` | {area.GetProperty("run_by").GetString()!.Split(' ')[1]} | {area.GetProperty("councils").GetInt32()} | {residents:N0} |"),
                output.ToString(), StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"| {share:P1} |"), output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryNamedPracticeIsInTheCatalogueAndACellsLinkBrowsesExactlyItsPractices()
    {
        using var map = await GetAsync("/api/v1/evidence-gaps");

        var root = map.RootElement;
        foreach (var listed in root.GetProperty("practices").EnumerateObject())
        {
            Assert.True(Catalogue.TryGetValue(listed.Name, out var practice), $"'{listed.Name}' is not in the catalogue");
            Assert.Equal(practice.Title, listed.Value.GetProperty("title").GetString());
        }

        var cells = root.GetProperty("areas").EnumerateArray()
            .SelectMany(a => a.GetProperty("cells").EnumerateArray().Select(c => (Area: a.GetProperty("area").GetString()!, Cell: c)))
            .ToList();
        foreach (var (area, cell) in cells)
        {
            foreach (var id in cell.GetProperty("similar_practice_ids").EnumerateArray().Select(x => x.GetString()!))
            {
                Assert.True(Catalogue.TryGetValue(id, out var practice) && practice.ServiceAreas.Contains(area) && practice.Evidence.Level >= 3, $"{area} names '{id}'");
                Assert.True(root.GetProperty("practices").TryGetProperty(id, out _));
            }

            Assert.All(cell.GetProperty("adoptions").EnumerateArray(), a => Assert.True(root.GetProperty("practices").TryGetProperty(a.GetProperty("practice_id").GetString()!, out _)));
        }

        var withPractices = cells.First(c => c.Cell.GetProperty("similar_practice_ids").GetArrayLength() > 1).Cell;
        var expected = withPractices.GetProperty("similar_practice_ids").EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToList();
        var link = withPractices.GetProperty("practices_url").GetString()!;
        Assert.StartsWith("/browse.html?ids=", link, StringComparison.Ordinal);
        using var browsed = await GetAsync($"/api/v1/practices{link[link.IndexOf('?', StringComparison.Ordinal)..]}&limit=100");
        Assert.Equal(expected, browsed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OneAreaByAnyWritingOfItsName()
    {
        using var map = await GetAsync("/api/v1/evidence-gaps?area=Housing%20%26%20Homelessness");

        var area = Assert.Single(map.RootElement.GetProperty("areas").EnumerateArray());
        Assert.Equal("housing_homelessness", area.GetProperty("area").GetString());
        Assert.StartsWith("the district council", area.GetProperty("run_by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownAreaAnswers400NamingTheAreas()
    {
        using var response = await app.Client.GetAsync("/api/v1/evidence-gaps?area=parking");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("area")[0].GetString()!;
        Assert.Contains("'parking'", message, StringComparison.Ordinal);
        Assert.All(ServiceArea.All, area => Assert.Contains(area, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdoptionReportedByTheCouncilShowsUnderItsCouncilsCellWithItsOutcome()
    {
        var practice = SeedData.Practices.First(p => p.ServiceAreas.Contains("waste"));
        // BPL (Blackpool) is in the examples and the full list.
        await new AdoptionReportStore(app.Redis.Connection).SaveAsync(new AdoptionReport
        {
            PracticeId = practice.Id,
            Council = "BPL",
            Status = AdoptionStatus.Scaled,
            Started = "2022-03",
            Outcome = new ReportedOutcome { Measure = "fly-tipping incidents a month", Before = 120, After = 80, Period = "2022 to 2023", Better = ReportedOutcome.LowerIsBetter },
            ReportedAt = DateTimeOffset.UtcNow,
            Source = AdoptionReport.FromReport,
        }, "a1b2c3d4e5f6");

        using var map = await GetAsync("/api/v1/evidence-gaps?area=waste");

        var cell = map.RootElement.GetProperty("areas")[0].GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("council_codes").EnumerateArray().Any(x => x.GetString() == "BPL"));
        var adoption = cell.GetProperty("adoptions").EnumerateArray()
            .Single(a => a.GetProperty("source").GetString() == "council" && a.GetProperty("practice_id").GetString() == practice.Id);
        Assert.Equal(("BPL", 2022, "scaled"), (adoption.GetProperty("council_code").GetString(), adoption.GetProperty("year").GetInt32(), adoption.GetProperty("status").GetString()));
        Assert.Equal("fly-tipping incidents a month: 120 before, 80 after (2022 to 2023), an improvement", adoption.GetProperty("outcome").GetString());
        Assert.Equal(practice.Title, map.RootElement.GetProperty("practices").GetProperty(practice.Id).GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheMapIsCompressedForClientsThatAcceptItAndOtherAnswersAreNot()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/evidence-gaps");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/practices?limit=5");
        other.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await app.Client.SendAsync(request);
        using var otherResponse = await app.Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var unzipped = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var map = await JsonDocument.ParseAsync(unzipped);
        Assert.Equal(ServiceArea.All.Count, map.RootElement.GetProperty("areas").GetArrayLength());
        Assert.Empty(otherResponse.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("ids=Not%20An%20Id")]
    [InlineData("ids=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,a1,b1,c1,d1,e1,f1,g1,h1,i1,j1,k1,l1,m1,n1,o1,p1,q1,r1,s1,t1,u1,v1,w1,x1,y1,z1,a2,b2,c2,d2,e2,f2,g2,h2,i2,j2,k2,l2,m2,n2,o2,p2,q2,r2,s2,t2,u2,v2,w2,x2,y2,z2,a3,b3,c3,d3,e3,f3,g3,h3,i3,j3,k3,l3,m3,n3,o3,p3,q3,r3,s3,t3,u3,v3,w3,x3,y3,z3")]
    public async Task BrowseRefusesMalformedOrTooManyIds(string query)
    {
        using var response = await app.Client.GetAsync($"/api/v1/practices?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("ids", out _));
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var response = await app.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
