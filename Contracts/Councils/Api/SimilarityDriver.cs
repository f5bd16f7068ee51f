namespace Recommend.Contracts.Councils.Api;

/// <summary>
/// One field's share of the distance to a neighbour, with both councils' values as a person reads
/// them. Contributions add up to the distance squared, so the largest says what sets the two apart.
/// </summary>
public sealed record SimilarityDriver(string Field, string CouncilValue, string NeighbourValue, double Contribution)
{
    public static SimilarityDriver From(DistanceContribution contribution) => new(
        contribution.Field,
        contribution.CouncilValue,
        contribution.NeighbourValue,
        Math.Round(contribution.Contribution, SimilarCouncil.Decimals));
}
