using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Recommend.TestSupport.Redis;

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

    /// <summary>
    /// Starts (or restarts, on the same port and data folder) the server and waits until it answers.
    /// A free port can be taken by someone else (other test runs share this machine) between choosing
    /// it and redis-server binding it: our server then exits, and the one answering is a stranger,
    /// whose data other tests flush. So the answering server must be ours (its process id); on a
    /// first start another port is tried.
    /// </summary>
    public async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var firstStart = Port == 0;
            if (await TryStartAsync())
            {
                return;
            }

            if (!firstStart || attempt == 5)
            {
                throw new InvalidOperationException($"redis-server could not listen on port {Port}: another process holds it");
            }

            Port = 0;
        }
    }

    private async Task<bool> TryStartAsync()
    {
        // Already up: a second server would fail to bind and exit, and the one listening would be
        // orphaned (nobody would hold its process to kill), outliving the test run.
        if (_process is { HasExited: false })
        {
            return true;
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
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                var answering = await ServerProcessIdAsync();
                if (answering != _process.Id)
                {
                    // A stranger answers; ours is about to exit (bind failed), or is still starting.
                    await Task.Delay(50);
                    continue;
                }

                await WaitForReconnectAsync(DateTime.UtcNow.AddSeconds(30));
                return true;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not answer on port {Port} within 10 s");
    }

    /// <summary>The process id of the redis-server answering on <see cref="Port"/> (from INFO server, over a raw socket).</summary>
    private async Task<int> ServerProcessIdAsync()
    {
        using var probe = new TcpClient();
        await probe.ConnectAsync(IPAddress.Loopback, Port);
        var stream = probe.GetStream();
        await stream.WriteAsync("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n"u8.ToArray());
        var reply = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        static bool HasProcessId(string text) =>
            text.IndexOf("process_id:", StringComparison.Ordinal) is var at and >= 0 && text.IndexOf("\r\n", at, StringComparison.Ordinal) > 0;

        while (!HasProcessId(reply.ToString()))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException("redis-server closed the connection before answering INFO");
            }

            reply.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            if (reply.ToString().StartsWith('-'))
            {
                // Still loading its data (-LOADING): not ready to say who it is.
                throw new IOException(reply.ToString().Trim());
            }
        }

        var text = reply.ToString();
        var start = text.IndexOf("process_id:", StringComparison.Ordinal) + "process_id:".Length;
        return int.Parse(text[start..text.IndexOf("\r\n", start, StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// After a restart the fixture's connection reconnects on its own heartbeat, up to a few seconds
    /// later; a test that went on before then would see its next command time out.
    /// </summary>
    private async Task WaitForReconnectAsync(DateTime deadline)
    {
        while (Connection is { IsConnected: false })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the test connection did not reconnect to redis-server on port {Port} within 30 s");
            }

            await Task.Delay(50);
        }
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

    /// <summary>
    /// Stops the server answering (SIGSTOP) while its connections stay open: to a client it is a
    /// Redis too slow for any timeout. Always pair with <see cref="ThawAsync"/> in a finally.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>Lets a frozen server answer again; everything it was sent meanwhile is then served.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("redis-server is not running");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString()]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}");
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
