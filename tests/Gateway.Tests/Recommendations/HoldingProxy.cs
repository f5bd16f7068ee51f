using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Recommend.Gateway.Tests.Recommendations;

/// <summary>
/// A TCP proxy in front of a service on loopback that behaves like Aspire's local proxy in front of
/// replicas: it forwards connections while the service is there; once every replica is gone it still
/// accepts connections, reads what is sent and answers nothing, holding them open (measured on Aspire
/// 13.6 with every recommender killed: a request through its proxy was unanswered after 60 s).
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, bool> _open = new();
    private readonly Task _accepting;
    private volatile bool _forwarding = true;

    public HoldingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Every replica gone: the forwarded connections break (as a killed process's do), new ones are held without an answer.</summary>
    public void ReplicasGone()
    {
        _forwarding = false;
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }
    }

    /// <summary>A replica is back: new connections are forwarded to it again.</summary>
    public void ReplicaBack() => _forwarding = true;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        _open[client] = true;
        TcpClient? upstream = null;
        try
        {
            var downstream = client.GetStream();
            if (!_forwarding)
            {
                var discard = new byte[4096];
                while (await downstream.ReadAsync(discard, _stop.Token) > 0)
                {
                    // Read and say nothing, until the caller gives up.
                }

                return;
            }

            upstream = new TcpClient();
            _open[upstream] = true;
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            var toTarget = upstream.GetStream();
            await Task.WhenAny(downstream.CopyToAsync(toTarget, _stop.Token), toTarget.CopyToAsync(downstream, _stop.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection broke or was broken on purpose: either way it is over.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
            if (upstream is not null)
            {
                _open.TryRemove(upstream, out _);
                upstream.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        foreach (var connection in _open.Keys)
        {
            connection.Dispose();
        }

        _stop.Dispose();
    }
}
