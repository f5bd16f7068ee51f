using System.Diagnostics;

namespace Recommend.Gateway.Security;

/// <summary>
/// Every error is a ProblemDetails with a trace id, and none carries an exception message, a
/// stack trace or an internal host name (OWASP API8, security misconfiguration): the trace id is
/// what links the answer to the logs, which do hold the details.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddSafeProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions.TryAdd("trace_id", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
            problem.Extensions.Remove("exception");
            problem.Instance = null;
            if (context.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                problem.Status = StatusCodes.Status413PayloadTooLarge;
                problem.Title = "Request body too large";
                problem.Detail = "The request body is larger than the gateway accepts.";
            }
            else if (context.Exception is not null && problem.Status >= StatusCodes.Status500InternalServerError)
            {
                problem.Title = "Something went wrong";
                problem.Detail = "The gateway could not answer this request; the trace id identifies it in our logs.";
            }
        });
        services.Configure<ExceptionHandlerOptions>(options =>
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
        return services;
    }
}
