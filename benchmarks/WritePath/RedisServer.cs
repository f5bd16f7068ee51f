using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Recommend.Benchmarks.WritePath;

/// <summary>A private redis-server on a free loopback port, without persistence (nothing here must outlive the run).</summary>
internal static class RedisServer
{
    public static Process Start(string dataDirectory, out int port)
    {
        port = FreePort();
        var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        return server;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
