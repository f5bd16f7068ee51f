namespace Recommend.Ingest;

public static class IngestServiceExtensions
{
    public static IHostApplicationBuilder AddIngestServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("cache");
        return builder;
    }
}
