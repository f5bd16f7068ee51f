using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommend.EndToEnd.Tests.Operations;

/// <summary>
/// Starting up is not an error (docs/operations.md, "A quiet start"): a healthy app's start leaves
/// no Error line in any service's log (the dashboard's red badges) and no service that turned
/// healthy goes unhealthy again. Its own app, so that no other test's deliberate faults are in the logs.
/// </summary>
[Collection(QuietStartCollection.Name)]
public sealed partial class QuietStartTests(AppFixture fixture)
{
    private static readonly string[] Services = ["ingest", "recommender", "gateway"];

    [Fact]
    public async Task AHealthyStartLogsNoErrorAndNoServiceTurnsUnhealthyOnceHealthy()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var service in Services)
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(service, cancellation.Token);
        }

        // Used once, as a council officer would, so the first ranking is part of the start too.
        using (var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations",
            new { challenge = "reduce loneliness among older residents in rural villages", council = "CON", limit = 5 }, cancellation.Token))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var changes = fixture.ResourceChanges.Where(c => Services.Contains(c.Resource.Name)).ToList();
        var instances = changes.Select(c => c.ResourceId).Where(id => !Services.Contains(id)).Distinct().ToList();
        Assert.True(instances.Count >= Services.Length, $"instances seen: {string.Join(", ", instances)}");

        var problems = new List<string>();
        foreach (var instance in instances)
        {
            var healths = changes.Where(c => c.ResourceId == instance).Select(c => c.Snapshot.HealthStatus).ToList();
            var healthy = healths.IndexOf(HealthStatus.Healthy);
            if (healthy < 0)
            {
                problems.Add($"{instance} never reported Healthy");
            }
            else if (healths.Skip(healthy).Any(h => h == HealthStatus.Unhealthy))
            {
                problems.Add($"{instance} went Unhealthy after it was Healthy: {string.Join(" -> ", healths)}");
            }

            problems.AddRange(await ErrorLinesAsync(instance, cancellation.Token));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Error and Critical entries in an instance's console log: the console formatter writes them as
    /// "fail:" and "crit:" (after Aspire's timestamp, in ANSI colours), with the message on the next
    /// line; and anything written to stderr (an unhandled exception).
    /// </summary>
    private async Task<List<string>> ErrorLinesAsync(string instance, CancellationToken cancellationToken)
    {
        var lines = new List<Aspire.Hosting.ApplicationModel.LogLine>();
        var logs = fixture.App.Services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.GetAllAsync(instance).WithCancellation(cancellationToken))
        {
            lines.AddRange(batch);
        }

        Assert.True(lines.Count > 0, $"no log lines read for {instance}");
        var errors = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsErrorMessage || ErrorEntry().IsMatch(AnsiColour().Replace(lines[i].Content, "")))
            {
                var message = i + 1 < lines.Count ? lines[i + 1].Content.Trim() : "";
                errors.Add($"{instance}: {lines[i].Content.Trim()} {message}");
            }
        }

        return errors;
    }

    [GeneratedRegex(@"^(\S+\s+)?(fail|crit): ")]
    private static partial Regex ErrorEntry();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiColour();
}

/// <summary>The quiet-start test's own app: it reads every log line since the start.</summary>
[CollectionDefinition(Name)]
public sealed class QuietStartCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Quiet start";
}
