namespace Recommend.Contracts.Councils;

/// <summary>A council near another one: the distance and, largest first, what it is made of.</summary>
public sealed record CouncilNeighbour(CouncilProfile Council, double Distance, IReadOnlyList<DistanceContribution> Contributions);
