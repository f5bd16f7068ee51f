using System.Net.Http.Headers;
using System.Text.Json;
using Recommend.Core.Recommendations;

namespace Recommend.Gateway.Recommendations;

/// <summary>
/// Calls the internal recommender (found by Aspire service discovery as "http://recommender").
/// Answers are relayed as bytes: the gateway does not re-shape what the recommender ranked.
/// </summary>
public sealed class RecommenderClient(HttpClient http)
{
    public async Task<RelayedResponse> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, RecommendationJsonContext.Default.RecommendationRequest);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("/api/v1/recommendations", content, cancellationToken);
        return await RelayedResponse.FromAsync(response, cancellationToken);
    }

    public Task<RelayedResponse> GetPracticeAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"/api/v1/practices/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<RelayedResponse> SearchCouncilsAsync(string query, int limit, CancellationToken cancellationToken) =>
        GetAsync($"/api/v1/councils?query={Uri.EscapeDataString(query)}&limit={limit}", cancellationToken);

    public Task<RelayedResponse> GetCouncilAsync(string code, CancellationToken cancellationToken) =>
        GetAsync($"/api/v1/councils/{Uri.EscapeDataString(code)}", cancellationToken);

    public Task<RelayedResponse> GetSimilarCouncilsAsync(string code, int limit, CancellationToken cancellationToken) =>
        GetAsync($"/api/v1/councils/{Uri.EscapeDataString(code)}/similar?limit={limit}", cancellationToken);

    private async Task<RelayedResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await RelayedResponse.FromAsync(response, cancellationToken);
    }
}

/// <summary>Status, content type and body of an upstream answer, ready to pass on.</summary>
public sealed record RelayedResponse(int StatusCode, string ContentType, byte[] Body)
{
    public static async Task<RelayedResponse> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new((int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString() ?? "application/json",
            await response.Content.ReadAsByteArrayAsync(cancellationToken));

    public IResult ToResult() => new RelayResult(this);

    /// <summary>Writes the upstream status, content type and body unchanged.</summary>
    private sealed class RelayResult(RelayedResponse relayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = relayed.StatusCode;
            httpContext.Response.ContentType = relayed.ContentType;
            httpContext.Response.ContentLength = relayed.Body.Length;
            await httpContext.Response.Body.WriteAsync(relayed.Body, httpContext.RequestAborted);
        }
    }
}
