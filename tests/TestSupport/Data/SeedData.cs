using Recommend.Contracts.Practices;

namespace Recommend.TestSupport.Data;

/// <summary>The shipped practice catalogue (data/catalogue/practices), loaded once per test assembly.</summary>
public static class SeedData
{
    private static readonly Lazy<IReadOnlyList<Practice>> Seed = new(() =>
        SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices")).Practices);

    public static IReadOnlyList<Practice> Practices => Seed.Value;

    /// <summary>A valid practice that is not in the catalogue, for submissions.</summary>
    public static Practice NewPractice(string id, string title) => Practices[0] with
    {
        Id = id,
        Title = title,
        Summary = "Volunteers collect surplus food from supermarkets and stock shared fridges in community centres.",
        Adopters = [],
    };
}
