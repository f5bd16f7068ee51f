using Recommend.Contracts.Councils;

namespace Recommend.ServiceDefaults.Councils;

/// <summary>
/// One consistent view of the councils: a request reads <see cref="CouncilRegistry.Current"/> once
/// and uses both parts, so lookup and neighbours always come from the same list.
/// </summary>
public sealed record CouncilSnapshot(CouncilDirectory Directory, SimilarCouncils Similar)
{
    public static CouncilSnapshot From(IEnumerable<CouncilProfile> councils)
    {
        var list = councils.ToList();
        return new CouncilSnapshot(new CouncilDirectory(list), new SimilarCouncils(list));
    }
}
