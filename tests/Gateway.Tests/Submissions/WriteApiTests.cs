using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using StackExchange.Redis;

namespace Recommend.Gateway.Tests.Submissions;

/// <summary>POST /api/v1/practices, GET /api/v1/ingest/{id} and POST /api/v1/feedback at the gateway, with a real redis-server behind.</summary>
public sealed class WriteApiTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private WriteApiGatewayFactory _factory = null!;
    private HttpClient _client = null!;

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await Db.SetAddAsync(StoreKeys.PracticeIds, "housing-first");
        _factory = new WriteApiGatewayFactory(redis.ConnectionString, feedbackPermits: 1000);
        _client = await _factory.CreateReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SubmittingAValidPracticeQueuesItAndAnswers202WithATrackingId()
    {
        var practice = SeedData.NewPractice("street-kitchen", "Street kitchen");
        using var response = await SubmitAsync(PracticeJson.Serialise(practice), WriteApiGatewayFactory.ApiKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var trackingId = receipt.RootElement.GetProperty("tracking_id").GetString()!;
        Assert.Equal("street-kitchen", receipt.RootElement.GetProperty("id").GetString());
        Assert.Equal($"/api/v1/ingest/{trackingId}", receipt.RootElement.GetProperty("status_url").GetString());

        var entry = Assert.Single(await Db.StreamRangeAsync(StoreKeys.IngestStream));
        Assert.Equal(trackingId, (string?)entry[IngestStreamFields.TrackingId]);
        Assert.Equal("street-kitchen", PracticeJson.Deserialise((string)entry[IngestStreamFields.Practice]!)!.Id);

        using var status = await SendAsync(HttpMethod.Get, $"/api/v1/ingest/{trackingId}", null, WriteApiGatewayFactory.ApiKey);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(IngestStatus.Accepted, JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SubmittingWithoutAKeyAnswers401AndStoresNothing()
    {
        using var response = await SubmitAsync(PracticeJson.Serialise(SeedData.NewPractice("street-kitchen", "Street kitchen")), apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.IngestStream));
    }

    [Fact]
    public async Task SubmittingWithAWrongKeyAnswers403WithoutEchoingTheKey()
    {
        using var response = await SubmitAsync(PracticeJson.Serialise(SeedData.NewPractice("street-kitchen", "Street kitchen")), "guess-" + WriteApiGatewayFactory.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(WriteApiGatewayFactory.ApiKey, body);
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.IngestStream));
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("""{"id": "x"}""", "body")]
    public async Task SubmittingSomethingThatIsNotAPracticeAnswers400(string body, string field)
    {
        using var response = await SubmitAsync(body, WriteApiGatewayFactory.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task SubmittingAnInvalidPracticeNamesEachBadField()
    {
        var practice = SeedData.NewPractice("Not A Slug", "x") with { SourceUrl = "nowhere", ServiceAreas = ["parks"] };
        using var response = await SubmitAsync(PracticeJson.Serialise(practice), WriteApiGatewayFactory.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("id", out _));
        Assert.True(errors.TryGetProperty("source_url", out _));
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.IngestStream));
    }

    [Fact]
    public async Task UnknownTrackingIdAnswers404AndAMalformedOne400()
    {
        using var unknown = await SendAsync(HttpMethod.Get, $"/api/v1/ingest/{new string('a', 32)}", null, WriteApiGatewayFactory.ApiKey);
        using var malformed = await SendAsync(HttpMethod.Get, "/api/v1/ingest/not-a-tracking-id", null, WriteApiGatewayFactory.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task FeedbackAnswers202WithoutAKeyAndIsQueuedAsAnonymous()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/feedback", new { request_id = "vabc.123", practice_id = "housing-first", signal = "useful", council = "con" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackStream));
        Assert.Equal(FeedbackSignal.Useful, (string?)entry[FeedbackStreamFields.Signal]);
        // Without a key the council is only a claim, and the log says so.
        Assert.Equal("CON", (string?)entry[FeedbackStreamFields.Council]);
        Assert.Equal("0", (string?)entry[FeedbackStreamFields.Keyed]);
        Assert.Matches("^[0-9a-f]{16}$", (string?)entry[FeedbackStreamFields.Client]);
    }

    [Theory]
    [InlineData("""{"request_id": "r1", "practice_id": "housing-first", "signal": "loved"}""", "signal")]
    [InlineData("""{"practice_id": "housing-first", "signal": "useful"}""", "request_id")]
    [InlineData("""{"request_id": "r1", "practice_id": "no-such-practice", "signal": "useful"}""", "practice_id")]
    [InlineData("""{"request_id": "r1", "practice_id": "housing-first", "signal": "useful", "council": "12"}""", "council")]
    [InlineData("""{"request_id": "r1", "practice_id": "housing-first", "signal": "useful", "rating": 5}""", "rating")]
    public async Task BadFeedbackAnswers400NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/api/v1/feedback", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.FeedbackStream));
    }

    [Fact]
    public async Task FeedbackBeyondTheLimitAnswers429()
    {
        await using var limited = new WriteApiGatewayFactory(redis.ConnectionString, feedbackPermits: 2);
        using var client = await limited.CreateReadyClientAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/feedback", new { request_id = "r1", practice_id = "housing-first", signal = "useful" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, await Db.StreamLengthAsync(StoreKeys.FeedbackStream));
    }

    private Task<HttpResponseMessage> SubmitAsync(string body, string? apiKey) => SendAsync(HttpMethod.Post, "/api/v1/practices", body, apiKey);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return _client.SendAsync(request);
    }
}
