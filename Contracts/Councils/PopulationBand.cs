namespace Recommend.Contracts.Councils;

/// <summary>Population size bands, the same as a practice's evidence_context.population_bands.</summary>
public static class PopulationBand
{
    public const string Small = "small";
    public const string Medium = "medium";
    public const string Large = "large";
    public const string VeryLarge = "very_large";

    public static readonly IReadOnlyList<string> All = [Small, Medium, Large, VeryLarge];

    /// <summary>small &lt; 100k, medium 100k to &lt; 250k, large 250k to &lt; 500k, very_large 500k and over.</summary>
    public static string For(int population) => population switch
    {
        < 100_000 => Small,
        < 250_000 => Medium,
        < 500_000 => Large,
        _ => VeryLarge,
    };
}
