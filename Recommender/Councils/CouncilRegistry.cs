using Recommend.Core.Councils;

namespace Recommend.Recommender.Councils;

/// <summary>The councils the recommender knows, swapped atomically when a fuller list arrives.</summary>
public sealed class CouncilRegistry
{
    private CouncilSnapshot _current;

    public CouncilRegistry()
    {
        var shipped = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder).Councils;
        _current = new CouncilSnapshot(new CouncilDirectory(shipped), new SimilarCouncils(shipped));
    }

    public CouncilSnapshot Current => Volatile.Read(ref _current);

    public void Swap(CouncilSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}

public sealed record CouncilSnapshot(CouncilDirectory Directory, SimilarCouncils Similar);
