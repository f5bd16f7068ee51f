using System.Diagnostics;

namespace Recommend.AppHost.Redis;

/// <summary>
/// Chooses the cache's mode. "Usable" means the container runtime answers `info` (a client on PATH
/// with no engine behind it is not usable); the local mode needs redis-server on PATH.
/// </summary>
public static class RedisModeDetector
{
    private static readonly TimeSpan RuntimeProbeTimeout = TimeSpan.FromSeconds(10);

    /// <param name="requested">The mode asked for in configuration.</param>
    /// <param name="containerRuntime">The runtime Aspire is configured for (docker unless set).</param>
    /// <param name="searchPath">The PATH to look in; the process's own when null.</param>
    public static RedisMode Resolve(RedisMode requested, string containerRuntime, string? searchPath = null)
    {
        var redisServer = FindOnPath("redis-server", searchPath);
        switch (requested)
        {
            case RedisMode.Container:
                return RuntimeAnswers(containerRuntime, searchPath)
                    ? RedisMode.Container
                    : throw new DistributedApplicationException(
                        $"Redis mode 'container' was requested but '{containerRuntime} info' did not answer: start the container engine, or use Recommend:RedisMode=local (needs redis-server: apt-get install -y redis-server).");
            case RedisMode.Local:
                return redisServer is not null
                    ? RedisMode.Local
                    : throw new DistributedApplicationException(
                        "Redis mode 'local' was requested but redis-server is not on PATH: install it with 'apt-get install -y redis-server' (or run ./run.sh, which does).");
            default:
                if (RuntimeAnswers(containerRuntime, searchPath))
                {
                    return RedisMode.Container;
                }

                return redisServer is not null
                    ? RedisMode.Local
                    : throw new DistributedApplicationException(
                        $"No Redis available: '{containerRuntime} info' did not answer (no usable container engine) and redis-server is not on PATH. Install it with 'apt-get install -y redis-server' (or run ./run.sh, which does), or start a container engine.");
        }
    }

    public static string? FindOnPath(string program, string? searchPath = null)
    {
        var path = searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }

    private static bool RuntimeAnswers(string runtime, string? searchPath)
    {
        if (FindOnPath(runtime, searchPath) is null)
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(RuntimeProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
