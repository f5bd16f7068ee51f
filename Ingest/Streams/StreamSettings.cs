namespace Recommend.Ingest.Streams;

/// <summary>One consumer group's stream and how hard it tries before giving an entry up.</summary>
public sealed record StreamSettings
{
    public required string Stream { get; init; }
    public required string Group { get; init; }
    public required string DeadLetters { get; init; }

    /// <summary>Hash of entry id -> failed attempts.</summary>
    public required string AttemptsKey { get; init; }

    /// <summary>An entry that fails this many times goes to the dead-letter stream with its last reason.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Entries another consumer read but has not acknowledged for this long are taken over (XAUTOCLAIM): that consumer is presumed dead.</summary>
    public TimeSpan ClaimIdle { get; init; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; init; } = 50;

    /// <summary>How long to wait before asking again when the stream had nothing new (StackExchange.Redis cannot block on XREADGROUP).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
