using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Recommend.EndToEnd.Tests.Faults;

/// <summary>
/// Hostile input against every public endpoint of the running app: thousands of generated requests
/// from a fixed seed (a failure names the seed and the request, so it replays exactly). No answer may
/// be a 5xx, every error must be a ProblemDetails, and the app must be healthy afterwards.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GatewayFuzzTests(AppFixture fixture, ITestOutputHelper output)
{
    private const int Seed = 20_261_203;
    private const int Requests = 2_400;

    /// <summary>A public endpoint: how to make a hostile path for it and, for writes, a hostile body.</summary>
    private sealed record Endpoint(string Name, HttpMethod Method, Func<HostileInput, string> Path, Func<HostileInput, HttpContent>? Body = null);

    /// <summary>Every public endpoint, in one table: add a row when the gateway gains one.</summary>
    private static readonly Endpoint[] Endpoints =
    [
        new("recommend", HttpMethod.Post, _ => "/api/v1/recommendations", RecommendationBody),
        new("practice", HttpMethod.Get, input => $"/api/v1/practices/{input.PathSegment()}"),
        new("council search", HttpMethod.Get, input => $"/api/v1/councils?query={input.PathSegment(inPath: false)}&limit={Uri.EscapeDataString(input.Number())}"),
        new("council search, repeated parameters", HttpMethod.Get, input => $"/api/v1/councils?query=a&query={input.PathSegment(inPath: false)}&limit=1&limit={input.PathSegment(inPath: false)}"),
        new("council", HttpMethod.Get, input => $"/api/v1/councils/{input.PathSegment()}"),
        new("similar councils", HttpMethod.Get, input => $"/api/v1/councils/{input.PathSegment()}/similar?limit={input.PathSegment(inPath: false)}"),
        new("evidence gaps", HttpMethod.Get, input => $"/api/v1/evidence-gaps?area={input.PathSegment(inPath: false)}"),
        new("browse by ids", HttpMethod.Get, input => $"/api/v1/practices?ids={input.PathSegment(inPath: false)}"),
        new("web page", HttpMethod.Get, input => $"/{input.PathSegment()}"),
        new("openapi", HttpMethod.Get, input => $"/openapi/{input.PathSegment()}.json"),
    ];

    private static readonly string[] RecommendationFields =
        ["challenge", "council", "profile", "priorities", "constraints", "audience", "limit", "offset", "weights", "diversity"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/jsonx", "*/*"];

    private static readonly string[] Accepts =
        ["text/html", "application/xml", "*/*", "application/problem+json", "image/png;q=0.1", "", "application/json;q=0"];

    [Fact]
    public async Task ThousandsOfHostileRequestsAcrossEveryEndpointGetNo5xxAndOnlyProblemDetailsErrors()
    {
        var input = new HostileInput(new Random(Seed));
        var requests = Enumerable.Range(0, Requests).Select(i => Build(i, input)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, cancellationToken) =>
        {
            using var message = request.Message;
            try
            {
                using var response = await fixture.Gateway.SendAsync(message, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    failures.Add($"{request}: {status} {Shorten(body)}");
                }
                else if (status >= 400 && !IsProblemDetails(response, body))
                {
                    failures.Add($"{request}: {status} is not a ProblemDetails ({response.Content.Headers.ContentType}): {Shorten(body)}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"{request}: no answer ({ex.Message})");
            }
        });

        output.WriteLine($"seed {Seed}, {Requests} requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers (seed {Seed}):\n{string.Join("\n", failures.Take(30))}");

        // Still healthy and still useful afterwards.
        using var health = await fixture.Gateway.GetAsync("/health");
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        using var answer = await fixture.Gateway.PostAsync("/api/v1/recommendations", new StringContent("""{"challenge":"rough sleeping","limit":2}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private sealed record FuzzRequest(int Number, string Endpoint, HttpRequestMessage Message, string Description)
    {
        public override string ToString() => $"#{Number} {Endpoint}: {Description}";
    }

    private static FuzzRequest Build(int number, HostileInput input)
    {
        var endpoint = input.Pick(Endpoints);
        var method = input.Chance(0.08) ? input.Pick([HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, HttpMethod.Post, HttpMethod.Get]) : endpoint.Method;
        var path = endpoint.Path(input);
        var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        var description = new StringBuilder($"{method} {Shorten(path)}");
        if (method != HttpMethod.Get && method != HttpMethod.Options)
        {
            message.Content = (endpoint.Body ?? RecommendationBody)(input);
            description.Append($" body {message.Content.Headers.ContentLength ?? -1} bytes");
        }

        if (input.Chance(0.3))
        {
            AbuseHeaders(message, input, description);
        }

        return new FuzzRequest(number, endpoint.Name, message, description.ToString());
    }

    private static ByteArrayContent RecommendationBody(HostileInput input)
    {
        byte[] bytes;
        if (input.Chance(0.3))
        {
            bytes = input.BrokenDocument();
        }
        else
        {
            // An object with known fields of hostile values (often the wrong type) and sometimes unknown ones.
            var fields = new List<string>();
            if (input.Chance(0.7))
            {
                var text = input.Text();
                fields.Add($"\"challenge\":{(input.Chance(0.5) ? HostileInput.JsonString("support older people living alone " + text[..Math.Min(50, text.Length)]) : input.JsonValue())}");
            }

            foreach (var field in RecommendationFields.Where(_ => input.Chance(0.25)))
            {
                fields.Add($"{HostileInput.JsonString(field)}:{input.JsonValue()}");
            }

            if (input.Chance(0.2))
            {
                fields.Add($"{HostileInput.JsonString(input.Text())}:{input.JsonValue()}");
            }

            bytes = Encoding.UTF8.GetBytes("{" + string.Join(",", fields) + "}");
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void AbuseHeaders(HttpRequestMessage message, HostileInput input, StringBuilder description)
    {
        switch (input.Pick([0, 1, 2, 3, 4, 5]))
        {
            case 0 when message.Content is not null:
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", input.Pick(ContentTypes));
                description.Append($" Content-Type {message.Content.Headers.ContentType}");
                break;
            case 1:
                message.Headers.TryAddWithoutValidation("Accept", input.Pick(Accepts));
                description.Append(" odd Accept");
                break;
            case 2:
                message.Headers.TryAddWithoutValidation("X-Hostile", new string('h', 16_000));
                description.Append(" 16 kB header");
                break;
            case 3:
                for (var i = 0; i < 60; i++)
                {
                    message.Headers.TryAddWithoutValidation($"X-Many-{i}", "v");
                }

                description.Append(" 60 headers");
                break;
            case 4:
                message.Headers.TryAddWithoutValidation("X-Forwarded-For", "' OR 1=1 --, 999.999.999.999, ::ffff:zzz");
                message.Headers.TryAddWithoutValidation("X-Forwarded-Host", "../../evil");
                message.Headers.TryAddWithoutValidation("Cookie", new string(';', 500));
                description.Append(" forged forwarding headers");
                break;
            default:
                message.Headers.TransferEncodingChunked = message.Content is not null;
                message.Headers.TryAddWithoutValidation("Accept-Language", "xx-" + new string('Z', 300));
                description.Append(" chunked");
                break;
        }
    }

    private static bool IsProblemDetails(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status", out var status) && status.GetInt32() == (int)response.StatusCode
                && document.RootElement.TryGetProperty("title", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
