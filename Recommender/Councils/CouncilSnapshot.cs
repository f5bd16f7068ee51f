using Recommend.Core.Councils;

namespace Recommend.Recommender.Councils;

/// <summary>
/// One consistent view of the councils: a request reads <see cref="CouncilRegistry.Current"/> once
/// and uses both parts, so lookup and neighbours always come from the same list.
/// </summary>
public sealed record CouncilSnapshot(CouncilDirectory Directory, SimilarCouncils Similar);
