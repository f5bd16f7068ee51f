using System.Diagnostics;

namespace Recommend.EndToEnd.Tests;

/// <summary>
/// Runs the ingest CLI as the README does (<c>dotnet run -c Release --project Ingest -- ...</c> with
/// <c>ConnectionStrings__cache</c> set to the app's Redis), with <c>--no-build</c>: this test run built it.
/// </summary>
public static class IngestCommand
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static async Task<(int Exit, string Text)> RunAsync(string redis, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "run", "-c", "Release", "--no-build", "--project", "Ingest", "--" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__cache"] = redis;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ingest {string.Join(' ', args)} did not finish within {CommandTimeout.TotalMinutes:0} min");
        }

        return (process.ExitCode, $"$ ingest {string.Join(' ', args)}\n{await stdout}{await stderr}");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recommend.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Recommend.sln above {AppContext.BaseDirectory}");
    }
}
