using System.Text.Json;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.ApiReference;

/// <summary>The OpenAPI document behind /docs: every operation described, with an example, and the guard's answers listed.</summary>
public sealed class ApiReferenceTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task EveryOperationHasADescriptionAnExampleAndTheTooManyRequestsAnswer()
    {
        await using var gateway = new GatewayFactory(redis.ConnectionString);
        using var document = JsonDocument.Parse(await gateway.CreateClient().GetStringAsync("/openapi/v1.json"));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name} {path.Name}", Operation: op.Value)))
            .Where(op => op.Name.Contains("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(operations, op => op.Name == "get /api/v1/practices");

        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{name} has no description");
            var parameterExamples = operation.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.TryGetProperty("example", out _));
            var bodyExample = operation.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").EnumerateObject().Any(c => c.Value.TryGetProperty("example", out _));
            Assert.True(parameterExamples || bodyExample, $"{name} has no example");
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out _), $"{name} does not list 429");
        }
    }
}
