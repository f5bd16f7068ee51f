namespace Recommend.Contracts.Councils;

/// <summary>
/// One field's part of the distance between two councils, with both councils' values as a person
/// would read them. <see cref="Contribution"/> is the field's term in the squared distance, so the
/// contributions of a neighbour add up to its distance squared and show which fields set them apart.
/// </summary>
public sealed record DistanceContribution(string Field, string CouncilValue, string NeighbourValue, double Contribution);
