using Recommend.Gateway.Feedback;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.ServiceDefaults.Councils.Keys;

namespace Recommend.Gateway.Councils.Adoptions;

public static class AdoptionServiceExtensions
{
    /// <summary>Council keys, adoption reports, and the client hash the feedback log uses.</summary>
    public static IServiceCollection AddCouncilReportServices(this IServiceCollection services)
    {
        services.AddSingleton<CouncilKeyStore>();
        services.AddSingleton<AdoptionReportStore>();
        services.AddSingleton<FeedbackClientHash>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
