using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Recommend.EndToEnd.Tests;

/// <summary>
/// Council identity through the whole app, over real sockets: the operator issues and revokes keys
/// with the CLI, no one is shown as an adopter or reporter without their council's key, and a
/// council's keyed report shows on the practice and in the next recommendation's explanation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CouncilReportsEndToEndTests(AppFixture fixture, ITestOutputHelper output)
{
    private const string Challenge = "reduce loneliness among older residents in rural villages";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OnlyACouncilsKeySpeaksForItAndItsReportShowsBesideTheEvidence()
    {
        var redis = (await fixture.App.GetConnectionStringAsync("cache"))!;
        var before = await RecommendAsync("CON");
        var practice = before.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString()!;
        var requestId = before.GetProperty("request_id").GetString()!;

        // Anyone may say useful; no one may say a council adopted something without that council's key.
        using (var anonymous = await fixture.Gateway.PostAsJsonAsync("/api/v1/feedback", new { request_id = requestId, practice_id = practice, signal = "adopted", council = "TWH" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
            Assert.Contains("needs the council's key", await anonymous.Content.ReadAsStringAsync());
        }

        using (var unkeyed = await ReportAsync("CON", practice, key: null, Report("scaled")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        }

        var issued = await IngestCommand.RunAsync(redis, "councils", "keys", "issue", "CON");
        output.WriteLine(issued.Text);
        Assert.Equal(0, issued.Exit);
        var key = issued.Text.Split('\n').Single(line => line.StartsWith("rck_", StringComparison.Ordinal)).Trim();
        var keyId = key.Split('_')[1];

        using (var otherCouncil = await ReportAsync("TWH", practice, key, Report("adopted")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherCouncil.StatusCode);
            Assert.DoesNotContain(key, await otherCouncil.Content.ReadAsStringAsync());
        }

        using (var created = await ReportAsync("CON", practice, key, Report("scaled")))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        using (var listed = await fixture.Gateway.GetAsync($"/api/v1/practices/{practice}/adoptions"))
        {
            using var body = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
            Assert.Equal("Reported by 1 council (1 with a measured improvement, 0 stopped)", body.RootElement.GetProperty("summary").GetProperty("text").GetString());
            var report = Assert.Single(body.RootElement.GetProperty("reports").EnumerateArray());
            Assert.Equal(("CON", "scaled"), (report.GetProperty("council").GetString(), report.GetProperty("status").GetString()));
        }

        // The next recommendation carries it: the reports are part of the ranking cache key.
        var explanation = await WaitForAsync(async () =>
        {
            var after = await RecommendAsync("CON");
            return after.GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("practice").GetProperty("id").GetString() == practice)
                .Select(r => r.GetProperty("explanation"))
                .Where(e => e.TryGetProperty("reported", out var reported) && reported.ValueKind == JsonValueKind.Object)
                .Select(e => (JsonElement?)e)
                .FirstOrDefault();
        }, "the report in the recommendation's explanation");
        Assert.Equal("Reported by 1 council (1 with a measured improvement, 0 stopped)", explanation.GetProperty("reported").GetProperty("text").GetString());
        var own = explanation.GetProperty("similar_adopters").EnumerateArray().Single(a => a.GetProperty("from_feedback").GetBoolean());
        Assert.True(own.GetProperty("is_this_council").GetBoolean());

        var revoked = await IngestCommand.RunAsync(redis, "councils", "keys", "revoke", keyId);
        output.WriteLine(revoked.Text);
        Assert.Equal(0, revoked.Exit);
        using (var afterRevoke = await ReportAsync("CON", practice, key, Report("stopped")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        }

        var audit = await fixture.Redis.GetDatabase().StreamRangeAsync("rec:{councils}:audit");
        Assert.Equal(["key-issued", "adoption-reported", "key-revoked"], audit.Where(e => e["key_id"] == keyId).Select(e => (string)e["action"]!));
    }

    private async Task<JsonElement> RecommendAsync(string council)
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = Challenge, council, limit = 5 });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    private async Task<HttpResponseMessage> ReportAsync(string council, string practice, string? key, Dictionary<string, object> report)
    {
        report["practice_id"] = practice;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/councils/{council}/adoptions") { Content = JsonContent.Create(report) };
        if (key is not null)
        {
            request.Headers.Add("X-Council-Key", key);
        }

        return await fixture.Gateway.SendAsync(request);
    }

    private static Dictionary<string, object> Report(string status) => new()
    {
        ["status"] = status,
        ["started"] = "2024-04",
        ["outcome"] = new { measure = "residents over 75 who say they are often lonely (%)", before = 14.0, after = 9.5, period = "2024 to 2025", better = "lower" },
        ["adaptations"] = "Volunteer drivers instead of a minibus for outlying villages.",
    };

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> attempt, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await attempt() is { } found)
            {
                return found;
            }

            Assert.True(clock.Elapsed < GiveUpAfter, $"not within {GiveUpAfter.TotalSeconds:0} s: {what}");
            await Task.Delay(200);
        }
    }
}
