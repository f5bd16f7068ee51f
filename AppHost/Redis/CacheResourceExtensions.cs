using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Recommend.AppHost.Redis;

public static class CacheResourceExtensions
{
    /// <summary>
    /// Adds the "cache" Redis: from the container runtime when it answers, otherwise a local
    /// redis-server with AOF persistence in the AppHost's data folder. Force a mode with
    /// configuration Recommend:RedisMode=auto|container|local. When publishing (a manifest, Aspirate,
    /// azd) it is always the Redis container resource: a redis-server on this machine's loopback
    /// means nothing to a cluster, which maps the resource to a container or a managed Redis.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddCache(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddRedis(name).WithDataVolume().WithPersistence();
        }

        var requested = builder.Configuration.GetValue("Recommend:RedisMode", RedisMode.Auto);
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]
            ?? builder.Configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"]
            ?? "docker";
        var mode = RedisModeDetector.Resolve(requested, runtime);

        if (mode == RedisMode.Container)
        {
            return builder.AddRedis(name).WithDataVolume().WithPersistence();
        }

        var dataDirectory = builder.Configuration["Recommend:RedisDataDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, ".data", "redis");
        Directory.CreateDirectory(dataDirectory);

        var resource = new LocalRedisResource(name, dataDirectory);
        var healthCheckKey = $"{name}_redis_ping";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthCheckKey,
            _ => new LocalRedisHealthCheck(resource),
            failureStatus: default,
            tags: default));

        return builder.AddResource(resource)
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "tcp", isProxied: true)
            .WithArgs(context =>
            {
                // Loopback only, no default save snapshots: the append-only file is the durable copy.
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--dir");
                context.Args.Add(dataDirectory);
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--appendfsync");
                context.Args.Add("everysec");
                context.Args.Add("--save");
                context.Args.Add("");
            })
            .WithHealthCheck(healthCheckKey);
    }
}
