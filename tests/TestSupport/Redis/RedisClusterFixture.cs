using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Recommend.TestSupport.Redis;

/// <summary>
/// A real three-primary Redis Cluster on loopback, started for a test class: three redis-server
/// processes with <c>--cluster-enabled yes</c> on free ports (each also needs its cluster bus port,
/// the port + 10000), joined by <c>redis-cli --cluster create ... --cluster-replicas 0</c>. Every
/// slot is served, so a command on keys of two slots fails with CROSSSLOT exactly as on a managed
/// cluster. The processes and their data folders are removed at the end.
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private const int Primaries = 3;
    private readonly List<Process> _processes = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "recommend-tests-cluster-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<int> Ports { get; private set; } = [];

    public string ConnectionString => string.Join(',', Ports.Select(p => $"127.0.0.1:{p}")) + ",abortConnect=false,allowAdmin=true,connectTimeout=5000,syncTimeout=5000";

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ports = ClusterPorts(Primaries);
        foreach (var port in Ports)
        {
            var folder = Path.Combine(_root, port.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            _processes.Add(Start("redis-server", [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder,
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000",
                "--appendonly", "no", "--save", ""]));
        }

        foreach (var port in Ports)
        {
            await WaitForAsync(port, "PING", "PONG");
        }

        using var create = Start("redis-cli", ["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]);
        await create.WaitForExitAsync();
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create exited with {create.ExitCode}");
        }

        // Every node must agree the cluster is up before a client is told its slots.
        foreach (var port in Ports)
        {
            await WaitForAsync(port, "CLUSTER INFO", "cluster_state:ok");
        }

        Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    /// <summary>Empties every primary.</summary>
    public async Task FlushAsync()
    {
        foreach (var endpoint in Connection.GetEndPoints())
        {
            var server = Connection.GetServer(endpoint);
            if (!server.IsReplica)
            {
                await server.FlushDatabaseAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A stray file handle must not fail the run; the folder is under /tmp.
        }
    }

    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="readOutput">True to read its standard output whole; otherwise it is drained and dropped.</param>
    private static Process Start(string file, IEnumerable<string> args, bool readOutput = false)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            if (!readOutput)
            {
                process.OutputDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
            }

            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{file} is not on PATH: install it with 'apt-get install -y redis-server' (the README's test command does).", ex);
        }
    }

    /// <summary>Asks one node with redis-cli until its answer contains <paramref name="expected"/> (bounded).</summary>
    private async Task WaitForAsync(int port, string command, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"a cluster node exited with {exited.ExitCode} (its port may have been taken)");
            }

            using var cli = Start("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), .. command.Split(' ')], readOutput: true);
            var answer = await cli.StandardOutput.ReadToEndAsync();
            await cli.WaitForExitAsync();
            if (answer.Contains(expected, StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"node {port} did not answer {command} with {expected} within 30 s (last: {answer.Trim()})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Free loopback ports whose cluster bus port (port + 10000) is free too.</summary>
    private static List<int> ClusterPorts(int count)
    {
        var ports = new List<int>();
        var random = new Random();
        for (var tries = 0; ports.Count < count && tries < 1000; tries++)
        {
            var port = random.Next(20_000, 30_000);
            if (!ports.Contains(port) && IsFree(port) && IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }

        return ports.Count == count ? ports : throw new InvalidOperationException("no free loopback ports for a cluster");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
