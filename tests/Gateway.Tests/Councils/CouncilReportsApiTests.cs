using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Gateway.Tests.Submissions;
using Recommend.ServiceDefaults.Councils.Keys;
using Recommend.TestSupport.Redis;
using StackExchange.Redis;

namespace Recommend.Gateway.Tests.Councils;

/// <summary>
/// Council keys at the gateway, with a real redis-server behind: a key speaks only for its own council,
/// anonymous feedback never adopts, and a council's report is stored (replacing its earlier one),
/// audited and listed.
/// </summary>
public sealed class CouncilReportsApiTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private WriteApiGatewayFactory _factory = null!;
    private HttpClient _client = null!;
    private string _conKey = "";
    private string _conKeyId = "";

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await Db.SetAddAsync(StoreKeys.PracticeIds, "housing-first");
        (var record, _conKey) = await new CouncilKeyStore(redis.Connection).IssueAsync("CON", DateTimeOffset.UtcNow);
        _conKeyId = record.Id;
        _factory = new WriteApiGatewayFactory(redis.ConnectionString, feedbackPermits: 1000);
        _client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task AnonymousFeedbackCannotSayACouncilAdoptedAnything()
    {
        using var response = await PostFeedbackAsync(new { request_id = "vabc.123", practice_id = "housing-first", signal = "adopted", council = "TWH" }, key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("needs the council's key", problem.RootElement.GetProperty("errors").GetProperty("signal")[0].GetString());
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.FeedbackStream));
    }

    [Fact]
    public async Task KeyedFeedbackIsQueuedForTheKeysCouncilAndMayOmitIt()
    {
        using var response = await PostFeedbackAsync(new { request_id = "vabc.123", practice_id = "housing-first", signal = "adopted" }, _conKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackStream));
        Assert.Equal(("CON", "1", _conKeyId), ((string?)entry[FeedbackStreamFields.Council], (string?)entry[FeedbackStreamFields.Keyed], (string?)entry[FeedbackStreamFields.KeyId]));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("rck_000000000000_not-a-real-secret", HttpStatusCode.Unauthorized)]
    [InlineData("hello", HttpStatusCode.Unauthorized)]
    public async Task AReportNeedsAKeyThisAppIssued(string? key, HttpStatusCode expected)
    {
        using var response = await ReportAsync("CON", key, Valid());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(await Db.KeyExistsAsync(StoreKeys.AdoptionReports("housing-first")));
    }

    [Fact]
    public async Task AKeySpeaksOnlyForItsOwnCouncil()
    {
        using var response = await ReportAsync("twh", _conKey, Valid());
        using var feedback = await PostFeedbackAsync(new { request_id = "vabc.123", practice_id = "housing-first", signal = "useful", council = "TWH" }, _conKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, feedback.StatusCode);
        Assert.DoesNotContain(_conKey, await response.Content.ReadAsStringAsync());
        Assert.False(await Db.KeyExistsAsync(StoreKeys.AdoptionReports("housing-first")));
    }

    [Fact]
    public async Task ARevokedKeyIsRefused()
    {
        await new CouncilKeyStore(redis.Connection).RevokeAsync(_conKeyId, DateTimeOffset.UtcNow);

        using var response = await ReportAsync("CON", _conKey, Valid());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AReportIsStoredAuditedListedAndReplacedByTheSameCouncilsNextOne()
    {
        using var first = await ReportAsync("con", _conKey, Valid());
        using var second = await ReportAsync("CON", _conKey, Valid("stopped", outcome: null));
        using var listed = await _client.GetAsync("/api/v1/practices/housing-first/adoptions");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var answer = (await listed.Content.ReadFromJsonAsync(AdoptionJsonContext.Default.PracticeAdoptionsResponse))!;
        var report = Assert.Single(answer.Reports);
        Assert.Equal(("CON", "stopped", AdoptionReport.FromReport), (report.Council, report.Status, report.Source));
        Assert.Equal("Reported by 1 council (0 with a measured improvement, 1 stopped)", answer.Summary.Text);
        var audit = await Db.StreamRangeAsync(StoreKeys.CouncilAudit);
        Assert.Equal(["key-issued", "adoption-reported", "adoption-reported"], audit.Select(e => (string)e["action"]!));
        Assert.All(audit, e => Assert.Equal(_conKeyId, (string?)e["key_id"]));
    }

    [Theory]
    [InlineData("""{"practice_id": "housing-first", "status": "loved", "started": "2024"}""", "status")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted"}""", "started")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted", "started": "2999-01"}""", "started")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted", "started": "last spring"}""", "started")]
    [InlineData("""{"practice_id": "no-such-practice", "status": "adopted", "started": "2024"}""", "practice_id")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted", "started": "2024", "outcome": {"measure": "rough sleepers", "before": 40, "after": 12, "period": "a year"}}""", "outcome.better")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted", "started": "2024", "evaluation_url": "javascript:alert(1)"}""", "evaluation_url")]
    [InlineData("""{"practice_id": "housing-first", "status": "adopted", "started": "2024", "rating": 5}""", "rating")]
    public async Task ABadReportAnswers400NamingTheFieldAndStoresNothing(string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/councils/CON/adoptions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CouncilKeyStore.HeaderName, _conKey);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(0, await Db.SetLengthAsync(StoreKeys.AdoptionReportPractices));
    }

    [Fact]
    public async Task ReportsOnAnUnknownPracticeAnswer404()
    {
        using var response = await _client.GetAsync("/api/v1/practices/no-such-practice/adoptions");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostFeedbackAsync(object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(CouncilKeyStore.HeaderName, key);
        }

        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> ReportAsync(string council, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/councils/{council}/adoptions") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(CouncilKeyStore.HeaderName, key);
        }

        return await _client.SendAsync(request);
    }

    private static object Valid(string status = "adopted", object? outcome = null) => new
    {
        practice_id = "housing-first",
        status,
        started = "2023-09",
        outcome = outcome ?? (status == "stopped" ? null : new { measure = "people sleeping rough on the autumn count", before = 40, after = 12, period = "2023 to 2024", better = "lower" }),
    };
}
