using Recommend.Contracts.Councils;

namespace Recommend.ServiceDefaults.Councils;

/// <summary>
/// The councils a service serves, swapped atomically as a whole. Redis (<c>rec:councils</c>, written
/// by ingest only) is the one source: <see cref="CouncilFollower"/> loads it and reloads on change;
/// while Redis is down the last list loaded keeps serving. Reading <see cref="Current"/> never waits.
/// </summary>
public sealed class CouncilRegistry
{
    private CouncilSnapshot _current = CouncilSnapshot.From([]);
    private volatile bool _loaded;

    public CouncilSnapshot Current => Volatile.Read(ref _current);

    /// <summary>False until the first read of Redis succeeded: until then no lookup can be answered.</summary>
    public bool IsLoaded => _loaded;

    public CouncilSnapshot Replace(IEnumerable<CouncilProfile> councils)
    {
        var snapshot = CouncilSnapshot.From(councils);
        Volatile.Write(ref _current, snapshot);
        _loaded = true;
        return snapshot;
    }
}
