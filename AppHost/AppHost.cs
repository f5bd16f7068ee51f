using Microsoft.Extensions.Configuration;
using Recommend.AppHost;
using Recommend.AppHost.Publishing;
using Recommend.AppHost.Redis;
using Recommend.AppHost.Security;

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
var apiKey = builder.AddApiKey("api-key");

var ingest = builder.AddProject<Projects.Ingest>("ingest")
    .WithHttpEndpoint()
    .WithReference(cache).WaitFor(cache)
    .WithCouncilReferenceList()
    .WithHttpHealthCheck("/health");

// Two replicas by default (Recommend:RecommenderReplicas): the gateway reaches them through one proxied
// address that balances across them, and its resilience handler retries a failed call on the other one.
var recommender = builder.AddProject<Projects.Recommender>("recommender")
    .WithHttpEndpoint()
    .WithReference(cache).WaitFor(cache)
    .WaitFor(ingest)
    .WithReplicas(builder.Configuration.GetValue("Recommend:RecommenderReplicas", 2))
    .PublishReplicaCount()
    .WithHttpHealthCheck("/health");

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(recommender).WaitFor(recommender)
    .WithReference(cache).WaitFor(cache)
    .WithEnvironment("Submissions__ApiKey", apiKey.Parameter)
    .WithGatewayEndpoint(builder.Configuration.GetValue("Recommend:GatewayPort", 5080))
    .WithExternalHttpEndpoints()
    .WithRateLimitParameters()
    .WithReadinessReport("/health");

if (options.DisableDashboard)
{
    foreach (var project in new[] { ingest, recommender, gateway })
    {
        project.WithoutTelemetryExport();
    }
}

builder.AnnounceUrlsWhenReady(gateway, headless, apiKey.Generated);
if (headless)
{
    Recommend.AppHost.ResourceLogs.ConsoleResourceLogs.AddTo(builder);
}

builder.Build().Run();
