using Microsoft.Extensions.Configuration;
using Recommend.AppHost;
using Recommend.AppHost.Redis;

// Headless (servers, CI): `dotnet run --project AppHost -- --headless` or Recommend:Headless=true.
var headless = args.Contains("--headless") || string.Equals(Environment.GetEnvironmentVariable("Recommend__Headless"), "true", StringComparison.OrdinalIgnoreCase);
var options = new DistributedApplicationOptions
{
    Args = args.Where(a => a != "--headless").ToArray(),
    DisableDashboard = headless,
};
var builder = DistributedApplication.CreateBuilder(options);
headless |= builder.Configuration.GetValue("Recommend:Headless", false);

var cache = builder.AddCache("cache");

var ingest = builder.AddProject<Projects.Ingest>("ingest")
    .WithHttpEndpoint()
    .WithReference(cache).WaitFor(cache)
    .WithCouncilReferenceList()
    .WithHttpHealthCheck("/health");

var recommender = builder.AddProject<Projects.Recommender>("recommender")
    .WithHttpEndpoint()
    .WithReference(cache).WaitFor(cache)
    .WaitFor(ingest)
    .WithReplicas(builder.Configuration.GetValue("Recommend:RecommenderReplicas", 1))
    .WithHttpHealthCheck("/health");

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(recommender).WaitFor(recommender)
    .WithReference(cache).WaitFor(cache)
    .WithGatewayEndpoint(builder.Configuration.GetValue("Recommend:GatewayPort", 5080))
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

if (options.DisableDashboard)
{
    foreach (var project in new[] { ingest, recommender, gateway })
    {
        project.WithoutTelemetryExport();
    }
}

builder.AnnounceUrlsWhenReady(gateway, headless);
if (headless)
{
    Recommend.AppHost.ResourceLogs.ConsoleResourceLogs.AddTo(builder);
}

builder.Build().Run();
