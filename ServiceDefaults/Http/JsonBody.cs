using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Recommend.ServiceDefaults.Http;

/// <summary>
/// Reads a JSON request body ourselves instead of through parameter binding, so that an empty
/// body, malformed JSON, a wrong type or an unknown field becomes a 400 ValidationProblem that
/// names the field, rather than an empty 400 or a 500.
/// </summary>
public static class JsonBody
{
    private static JsonBodyResult<T> Fail<T>(string field, string message) where T : class =>
        new(null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    public static async Task<JsonBodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength == 0)
        {
            return Fail<T>("body", "The request body is empty; send a JSON object.");
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail<T>("body", $"Content-Type must be application/json (was '{contentType}').");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null
                ? Fail<T>("body", "The body must be a JSON object, not null.")
                : new JsonBodyResult<T>(value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            var reason = JsonPathWalker.NamesUnknownMember(typeInfo, ex.Path)
                ? "Unknown field."
                : ex.Path is null or "$" ? "The body is not valid JSON (or not an object)." : "Wrong type or malformed value.";
            return Fail<T>(field, reason);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Only known once read (a chunked body has no Content-Length): the caller answers 413, not 400.
            return Fail<T>("body", "The request body is too large.") with { TooLarge = true };
        }
        catch (BadHttpRequestException)
        {
            // The client stopped sending mid-body (dropped connection, short Content-Length): a 400, not a 500.
            return Fail<T>("body", "The request body ended early or could not be read.");
        }
    }
}

/// <summary>
/// Either a value or the field errors that explain why there is none; <see cref="TooLarge"/> when
/// the body went over the request's size limit while being read.
/// </summary>
public sealed record JsonBodyResult<T>(T? Value, Dictionary<string, string[]>? Errors) where T : class
{
    public bool TooLarge { get; init; }
}
