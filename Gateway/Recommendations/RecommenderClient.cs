using System.Net.Http.Headers;
using System.Text.Json;
using Recommend.Contracts.Recommendations;
using Recommend.Gateway.Unavailable;

namespace Recommend.Gateway.Recommendations;

/// <summary>
/// Calls the internal recommender (found by Aspire service discovery as "http://recommender").
/// Answers are relayed as bytes: the gateway does not re-shape what the recommender ranked. Every
/// call is tied to <see cref="RecommenderLiveness"/>: none is made while no recommender answers, and
/// one that is waiting ends when the probes find none; every answer a recommender gives counts as a sign of life.
/// </summary>
public sealed class RecommenderClient(HttpClient http, RecommenderLiveness liveness)
{
    public Task<RelayedResponse> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, RecommendationJsonContext.Default.RecommendationRequest);
        return SendAsync(async token =>
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return await http.PostAsync("/api/v1/recommendations", content, token);
        }, cancellationToken);
    }

    public Task<RelayedResponse> GetPracticeAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(token => http.GetAsync($"/api/v1/practices/{Uri.EscapeDataString(id)}", token), cancellationToken);

    private async Task<RelayedResponse> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        var whileAnswering = liveness.WhileAnswering();
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, whileAnswering);
        try
        {
            using var response = await send(call.Token);
            var relayed = await RelayedResponse.FromAsync(response, call.Token);
            if (relayed.IsFromARecommender)
            {
                liveness.CallAnswered();
            }

            return relayed;
        }
        catch (OperationCanceledException ex) when (whileAnswering.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RecommenderDownException(liveness.Probe.Describe(), ex);
        }
    }
}
