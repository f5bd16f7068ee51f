namespace Recommend.Gateway.Submissions;

public static class SubmissionServiceExtensions
{
    public static IHostApplicationBuilder AddSubmissionServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        builder.Services.AddSingleton<ApiKeyFilter>();
        return builder;
    }
}
