using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Recommend.Contracts.Recommendations;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// The public API as one client sees it, over real sockets. On a loopback gateway each client
/// connects from its own loopback address (127.0.0.2, 127.0.0.3, ...), so the gateway's per-client
/// rate limit and the per-client caps of retraining see distinct clients, as they would distinct
/// people; elsewhere every client shares this machine's address.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri gateway, IPAddress? localAddress)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (localAddress is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        _http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
    }

    public static bool IsLoopback(Uri gateway) =>
        gateway.IsLoopback || (IPAddress.TryParse(gateway.Host, out var address) && IPAddress.IsLoopback(address));

    public async Task<RecommendationResponse?> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/recommendations", request, RecommendationJsonContext.Default.RecommendationRequest, cancellationToken);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync(RecommendationJsonContext.Default.RecommendationResponse, cancellationToken)
            : null;
    }

    /// <summary>Posts one feedback body; the status code and, for a refusal, the problem's text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostFeedbackAsync(JsonObject body, string? councilKey, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(body) };
        if (councilKey is not null)
        {
            message.Headers.Add("X-Council-Key", councilKey);
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        return (response.StatusCode, response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose() => _http.Dispose();
}
