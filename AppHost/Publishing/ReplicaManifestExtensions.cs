namespace Recommend.AppHost.Publishing;

public static class ReplicaManifestExtensions
{
    /// <summary>
    /// Aspire's manifest has no field for a project's replica count (WithReplicas only reaches the
    /// local orchestrator), so a deployment would silently start one recommender. This writes the
    /// project entry as Aspire does (type, path, env, bindings) plus "replicas", read from
    /// WithReplicas when the manifest is written, so deployment tooling and readers can see it
    /// (docs/deploy.md says how each tool is told).
    /// </summary>
    public static IResourceBuilder<ProjectResource> PublishReplicaCount(this IResourceBuilder<ProjectResource> project) =>
        project.WithManifestPublishingCallback(async context =>
        {
            var resource = project.Resource;
            var metadata = resource.GetProjectMetadata();
            var replicas = resource.TryGetLastAnnotation<ReplicaAnnotation>(out var annotation) ? annotation.Replicas : 1;

            context.Writer.WriteString("type", "project.v0");
            context.Writer.WriteString("path", context.GetManifestRelativePath(metadata.ProjectPath));
            context.Writer.WriteNumber("replicas", replicas);
            await context.WriteEnvironmentVariablesAsync(resource);
            await context.WriteCommandLineArgumentsAsync(resource);
            context.WriteBindings(resource);
        });
}
