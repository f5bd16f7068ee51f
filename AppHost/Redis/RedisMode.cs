namespace Recommend.AppHost.Redis;

/// <summary>Where the cache comes from: decided once, at start, from configuration and what the machine has.</summary>
public enum RedisMode
{
    /// <summary>Container if the runtime answers, else a local redis-server.</summary>
    Auto,

    /// <summary>Aspire's AddRedis in the configured container runtime.</summary>
    Container,

    /// <summary>A redis-server process started by the AppHost, AOF persistence in a data folder.</summary>
    Local,
}
