using System.ComponentModel.DataAnnotations;

namespace Recommend.Ingest.Streams;

/// <summary>Configuration section "Streams": retry and takeover settings shared by the ingest and feedback consumers.</summary>
public sealed class StreamOptions
{
    public const string Section = "Streams";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    public StreamSettings For(string stream, string group, string deadLetters, string attemptsKey) => new()
    {
        Stream = stream,
        Group = group,
        DeadLetters = deadLetters,
        AttemptsKey = attemptsKey,
        MaxAttempts = MaxAttempts,
        ClaimIdle = ClaimIdle,
        BatchSize = BatchSize,
    };
}
