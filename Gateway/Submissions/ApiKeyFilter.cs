using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Submissions;

/// <summary>
/// Guards write endpoints: no <c>X-Api-Key</c> is a 401, a wrong one a 403. The comparison takes
/// the same time whatever the key, so response timing says nothing about how close a guess was;
/// the key itself never reaches a log or a response.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiKeyOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.ApiKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null)
        {
            return TypedResults.Problem(
                title: "Submissions are disabled",
                detail: "This gateway has no API key configured (AppHost parameter 'api-key').",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var sent = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (sent.Length == 0)
        {
            return TypedResults.Problem(
                title: "API key required",
                detail: $"Send the key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        // Hashing first makes both sides the same length, so FixedTimeEquals never returns early on length.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), _expected))
        {
            return TypedResults.Problem(
                title: "API key not accepted",
                detail: $"The {HeaderName} header does not hold this gateway's key.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }
}
