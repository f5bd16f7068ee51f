using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Recommend.EndToEnd.Tests;

/// <summary>A council officer submits a practice through the gateway and sees it recommended, through the whole app.</summary>
[Collection(AppCollection.Name)]
public sealed class SubmissionsEndToEndTests(AppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SubmittedPracticeIsRecommendedWithoutARebuild()
    {
        var id = "seaweed-foraging-walks-" + Guid.NewGuid().ToString("N")[..6];
        var practice = $$"""
        {
          "id": "{{id}}",
          "title": "Guided seaweed foraging walks for isolated coastal residents",
          "summary": "Volunteer rangers lead weekly seaweed foraging walks on the shore that bring isolated coastal residents together.",
          "description": "A coastal council trains volunteer rangers to lead weekly guided walks along the shore, where residents learn to identify and forage seaweed safely, share what they gather at a community kitchen and meet neighbours. Referrals come from social prescribers and the walks are free.",
          "source": "Submitted by a council",
          "source_url": "https://example.org/seaweed-walks",
          "source_url_kind": "specific",
          "practice_type": "intervention",
          "service_areas": ["public_health"],
          "outcomes": ["reduced_isolation", "wellbeing"],
          "evidence": {"level": 1, "effect_direction": "unknown"},
          "cost": {"band": 1},
          "audiences": ["manager"]
        }
        """;

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/practices") { Content = new StringContent(practice, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AppFixture.ApiKey);
        using var submitted = await fixture.Gateway.SendAsync(request);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        var statusUrl = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("status_url").GetString()!;

        TimeSpan? recommendedAfter = null;
        while (clock.Elapsed < GiveUpAfter && recommendedAfter is null)
        {
            using var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "seaweed foraging walks for isolated coastal residents", limit = 5 });
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (body.RootElement.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("practice").GetProperty("id").GetString() == id))
            {
                recommendedAfter = clock.Elapsed;
            }
            else
            {
                await Task.Delay(50);
            }
        }

        Assert.NotNull(recommendedAfter);
        output.WriteLine($"submit -> recommendable: {recommendedAfter.Value.TotalMilliseconds:0} ms");

        using var statusRequest = new HttpRequestMessage(HttpMethod.Get, statusUrl);
        statusRequest.Headers.Add("X-Api-Key", AppFixture.ApiKey);
        using var status = await fixture.Gateway.SendAsync(statusRequest);
        Assert.Equal("indexed", JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FeedbackOnARecommendationIsAccepted()
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "rough sleeping", council = "CON", limit = 1 });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var requestId = body.RootElement.GetProperty("request_id").GetString();
        var practiceId = body.RootElement.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString();

        using var feedback = await fixture.Gateway.PostAsJsonAsync("/api/v1/feedback", new { request_id = requestId, practice_id = practiceId, signal = "useful", council = "CON" });

        Assert.Equal(HttpStatusCode.Accepted, feedback.StatusCode);
    }
}
