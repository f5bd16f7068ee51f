using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Recommend.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port with its own data folder, started once per test
/// collection. Tests need redis-server on PATH (the README's test command installs it).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _process;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "recommend-tests-redis-" + Guid.NewGuid().ToString("N"));

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,allowAdmin=true,connectTimeout=2000,syncTimeout=2000";

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        await StartAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    /// <summary>Starts (or restarts, on the same port and data folder) the server and waits for PING.</summary>
    public async Task StartAsync()
    {
        // Already up: a second server would fail to bind and exit, and the one listening would be
        // orphaned (nobody would hold its process to kill), outliving the test run.
        if (_process is { HasExited: false })
        {
            return;
        }

        _process?.Dispose();
        if (Port == 0)
        {
            Port = FreePort();
        }

        var startInfo = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dataDirectory, "--appendonly", "yes", "--save", "" })
        {
            startInfo.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(startInfo) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not on PATH: install it with 'apt-get install -y redis-server' (the README's test command does).", ex);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port} within 10 s");
    }

    /// <summary>Kills the server (as a crash would), keeping its data folder for a restart.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Removes every key whose name starts with the prefix (tests only; fine at this size).</summary>
    public async Task FlushAsync()
    {
        await Connection.GetServer($"127.0.0.1:{Port}").FlushDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A stray file handle must not fail the run; the folder is under /tmp.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
