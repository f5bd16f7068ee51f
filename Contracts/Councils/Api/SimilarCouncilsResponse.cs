namespace Recommend.Contracts.Councils.Api;

/// <summary>The councils most like one council, nearest first, with how the distance was worked out.</summary>
public sealed record SimilarCouncilsResponse(CouncilSummary Council, string Method, string Documentation, IReadOnlyList<SimilarCouncil> Neighbours)
{
    public const string MethodDescription =
        "Councils ranked by a weighted Euclidean distance over standardised log population, deprivation score and rural share, "
        + "plus penalties for a different governance type and a different region or nation, in the spirit of CIPFA's nearest neighbours model.";

    /// <summary>The document in the repository that gives the formula, weights and their reasons.</summary>
    public const string DocumentationPath = "docs/similar-councils.md";

    public static SimilarCouncilsResponse From(CouncilProfile council, IEnumerable<CouncilNeighbour> neighbours) => new(
        CouncilSummary.From(council),
        MethodDescription,
        DocumentationPath,
        [.. neighbours.Select(SimilarCouncil.From)]);
}
