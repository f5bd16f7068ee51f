namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>Who a simulated client is: a council with its key, an anonymous reader, or a hostile client.</summary>
public enum UserKind
{
    Keyed,
    Anonymous,
    Hostile,
}

/// <summary>
/// One simulated client: its kind, the council it speaks for (keyed councils; anonymous readers may
/// name none), the council key it sends, its own client address and, for a hostile client, the
/// practice it tries to push.
/// </summary>
public sealed record SimulatedUser(string Name, UserKind Kind, string? Council, string? Key, GatewayClient Client, string? Target = null);
