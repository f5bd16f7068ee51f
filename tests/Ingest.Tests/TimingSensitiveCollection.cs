namespace Recommend.Ingest.Tests;

/// <summary>
/// Tests whose outcome depends on this process answering within a second or two: lease renewals,
/// Redis command timeouts, a consumer's take-over time. xUnit runs such collections after the parallel
/// ones and one at a time, so the CPU-heavy tests (retraining, building model versions) never run beside
/// them. With both at once on 2 cores the process stalled for 2-3 s now and then: a lease renewal came
/// too late or a Redis reply sat unread past its timeout (3 failures in 19 runs of the suite).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
