using Microsoft.Extensions.Options;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using Recommend.Ingest.Councils;
using Recommend.Ingest.Feedback;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Seeding;
using Recommend.Ingest.Streams;
using Recommend.Ingest.Submissions;

namespace Recommend.Ingest;

public static class IngestServiceExtensions
{
    public static IHostApplicationBuilder AddIngestServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceTelemetry(IngestTelemetry.Name, IngestTelemetry.Name);
        builder.AddRedisClient("cache", configureOptions: options => options.AbortOnConnectFail = false);

        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        builder.Services.AddSingleton<IngestTelemetry>();
        // Practices are embedded at publish time so recommenders only embed the query.
        builder.Services.AddSingleton(services => new MiniLmEmbedder());
        builder.Services.AddSingleton(services => new PracticeIndexBuilder(services.GetRequiredService<MiniLmEmbedder>()));
        builder.Services.AddOptions<IndexVersionOptions>().BindConfiguration(IndexVersionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new IndexVersionWriter(
            services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(),
            services.GetRequiredService<IOptions<IndexVersionOptions>>().Value,
            services.GetRequiredService<ILogger<IndexVersionWriter>>()));
        builder.Services.AddSingleton<IndexCompactor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndexCompactor>());
        builder.Services.AddSingleton<IndexPublisher>();
        builder.Services.AddSingleton<SeedState>();
        builder.Services.AddHostedService<SeedCatalogueWorker>();
        builder.Services.AddHealthChecks().AddCheck<SeedState>("seed-published");

        builder.Services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IncrementalIndexUpdater>();
        builder.Services.AddSingleton<SubmissionHandler>();
        builder.Services.AddHostedService<SubmissionWorker>();
        builder.Services.AddSingleton<FeedbackHandler>();
        builder.Services.AddHostedService<FeedbackWorker>();

        builder.Services.AddOptions<CouncilOptions>().BindConfiguration(CouncilOptions.Section);
        builder.Services.AddSingleton<CouncilPublisher>();
        builder.Services.AddSingleton<CouncilState>();
        builder.Services.AddHostedService<CouncilSeedWorker>();
        builder.Services.AddHealthChecks().AddCheck<CouncilState>("councils-published");
        return builder;
    }
}
