using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Recommend.AppHost.Redis;

/// <summary>
/// Healthy once the local redis-server answers PING, so services that WaitFor the cache start
/// only when it can take their connections (a started process is not yet a listening server).
/// </summary>
public sealed class LocalRedisHealthCheck(LocalRedisResource resource) : IHealthCheck, IAsyncDisposable
{
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_connection is null)
            {
                var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
                var options = ConfigurationOptions.Parse(connectionString!);
                options.AbortOnConnectFail = true;
                options.ConnectTimeout = 2000;
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            await _connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Unhealthy("redis-server does not answer PING yet", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
