using System.Diagnostics;
using System.Text.Json;

namespace Recommend.EndToEnd.Tests;

/// <summary>
/// The deployment manifest, produced the way docs/deploy.md says (the AppHost with
/// --publisher manifest), run as its own process: every service, what it references, the Redis
/// container (never the local executable) and the recommender's replicas.
/// </summary>
public sealed class ManifestTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ManifestHasEveryServiceTheirReferencesTheRedisContainerAndTheReplicas()
    {
        var resources = (await PublishAsync("--Recommend:RecommenderReplicas=3")).GetProperty("resources");

        var cache = resources.GetProperty("cache");
        Assert.Equal("container.v0", cache.GetProperty("type").GetString());
        Assert.StartsWith("docker.io/library/redis", cache.GetProperty("image").GetString());
        foreach (var service in new[] { "ingest", "recommender", "gateway" })
        {
            var project = resources.GetProperty(service);
            Assert.Equal("project.v0", project.GetProperty("type").GetString());
            Assert.Equal("{cache.connectionString}", project.GetProperty("env").GetProperty("ConnectionStrings__cache").GetString());
        }

        Assert.Equal(3, resources.GetProperty("recommender").GetProperty("replicas").GetInt32());
        var gateway = resources.GetProperty("gateway");
        Assert.Equal("{recommender.bindings.http.url}", gateway.GetProperty("env").GetProperty("services__recommender__http__0").GetString());
        Assert.True(gateway.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.False(resources.GetProperty("recommender").GetProperty("bindings").GetProperty("http").TryGetProperty("external", out _));
        Assert.Equal("50", resources.GetProperty("rate-limit-per-second").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString());
        Assert.Equal("30", resources.GetProperty("feedback-per-minute").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString());
        Assert.Equal("{feedback-per-minute.value}", gateway.GetProperty("env").GetProperty("Feedback__PermitLimit").GetString());
    }

    [Fact]
    public async Task PublishingNeedsNeitherAContainerEngineNorRedisServer()
    {
        // An empty PATH: no docker, no redis-server. Running locally would fail; publishing must not.
        var resources = (await PublishAsync("--Recommend:RedisMode=local", path: "")).GetProperty("resources");

        Assert.Equal("container.v0", resources.GetProperty("cache").GetProperty("type").GetString());
        // The default: two replicas, so one can die without the API failing (docs/operations.md).
        Assert.Equal(2, resources.GetProperty("recommender").GetProperty("replicas").GetInt32());
    }

    [Fact]
    public async Task ManifestCarriesNoPathOfThisMachine()
    {
        // Running, this setting hands ingest a file on this machine; published, it must not appear.
        var resources = (await PublishAsync("--Recommend:CouncilsCsv=data/councils/on-this-machine-only.csv")).GetProperty("resources");
        var repository = RepositoryRoot();
        string[] localRoots = [.. new[]
            {
                repository.FullName,
                repository.Parent?.FullName,
                Path.GetTempPath(),
                Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
                AppContext.BaseDirectory,
            }
            .Where(root => !string.IsNullOrEmpty(root) && Path.TrimEndingDirectorySeparator(root) != Path.GetPathRoot(root))
            .Select(root => Path.TrimEndingDirectorySeparator(root!))];

        var checkedStrings = 0;
        foreach (var resource in resources.EnumerateObject())
        {
            foreach (var (where, value) in Strings(resource.Value, resource.Name))
            {
                checkedStrings++;
                if (where == $"{resource.Name}.path")
                {
                    // A project's path is relative to the manifest (Aspire's format), so it names this
                    // machine's folders only by walking up from wherever the manifest was written.
                    Assert.False(Path.IsPathRooted(value), $"{where} is an absolute path: {value}");
                    continue;
                }

                foreach (var root in localRoots)
                {
                    Assert.False(value.Contains(root, StringComparison.Ordinal), $"{where} names a path on this machine ({root}): {value}");
                }
            }
        }

        Assert.True(checkedStrings > 50, $"only {checkedStrings} strings in the manifest");
        Assert.False(resources.GetProperty("ingest").GetProperty("env").TryGetProperty("Councils__ReferenceCsv", out _));
    }

    /// <summary>Every string in the document, with where it is (resource.env.NAME, resource.args[1]).</summary>
    private static IEnumerable<(string Where, string Value)> Strings(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.String => [(where, element.GetString()!)],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value, $"{where}.{p.Name}").Prepend(($"{where}.{p.Name} (name)", p.Name))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((item, i) => Strings(item, $"{where}[{i}]")),
        _ => [],
    };

    private static DirectoryInfo RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Recommend.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No Recommend.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task<JsonElement> PublishAsync(string setting, string? path = null)
    {
        var output = Directory.CreateTempSubdirectory("recommend-manifest-");
        try
        {
            var manifest = Path.Combine(output.FullName, "aspire-manifest.json");
            var start = new ProcessStartInfo(DotnetHost(), [
                Path.Combine(AppContext.BaseDirectory, "AppHost.dll"),
                "--publisher", "manifest", "--output-path", manifest, setting])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = output.FullName,
            };
            if (path is not null)
            {
                start.Environment["PATH"] = path;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(PublishTimeout);
            await process.WaitForExitAsync(timeout.Token);

            Assert.True(process.ExitCode == 0, $"AppHost exited {process.ExitCode}: {await stdout}{await stderr}");
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(manifest));
            return document.RootElement.Clone();
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The dotnet host running this test, so an empty PATH still finds it.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
