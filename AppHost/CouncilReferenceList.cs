using Microsoft.Extensions.Configuration;

namespace Recommend.AppHost;

/// <summary>
/// Which reference list of councils the ingest service publishes over the shipped examples:
/// Recommend:CouncilsCsv when set ("none" for the examples alone), otherwise mySociety's full UK
/// list in ../shared/data when this machine has it. Running locally only: never in a manifest.
/// </summary>
public static class CouncilReferenceList
{
    public const string ConfigurationKey = "Recommend:CouncilsCsv";

    /// <summary>The full path to pass to ingest, or null for the examples alone.</summary>
    public static string? Resolve(IConfiguration configuration, string appHostDirectory)
    {
        // Relative paths are read from the repository root, where people run ./run.sh.
        var repoRoot = Path.GetFullPath(Path.Combine(appHostDirectory, ".."));
        var configured = configuration[ConfigurationKey];
        if (string.Equals(configured, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            // Passed on even when missing: ingest logs that it is, which says more than silently dropping it here.
            return Path.GetFullPath(configured, repoRoot);
        }

        var shared = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "data", "councils", "uk_local_authorities.csv"));
        return File.Exists(shared) ? shared : null;
    }

    public static IResourceBuilder<ProjectResource> WithCouncilReferenceList(this IResourceBuilder<ProjectResource> ingest)
    {
        var builder = ingest.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode)
        {
            // A path on this machine means nothing in a deployed container, and a manifest must not
            // carry one: deployed ingest publishes the shipped examples, and the full list is pushed
            // into the deployed Redis with `Ingest import-councils --publish` (docs/deploy.md).
            return ingest;
        }

        var file = Resolve(builder.Configuration, builder.AppHostDirectory);
        return file is null ? ingest : ingest.WithEnvironment("Councils__ReferenceCsv", file);
    }
}
