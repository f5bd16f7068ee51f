namespace Recommend.Contracts.Councils;

/// <summary>
/// The weights of <see cref="SimilarCouncils"/>. Numeric weights multiply a squared difference in
/// standard deviations; penalties are added to the squared distance as they are, so a penalty of 1
/// weighs as much as being one standard deviation apart on a field of weight 1. docs/similar-councils.md
/// explains each default.
/// </summary>
public sealed record SimilarityWeights
{
    public static SimilarityWeights Default { get; } = new();

    /// <summary>Weight of the difference in log population: size drives scale economies and demand.</summary>
    public double LogPopulation { get; init; } = 1.0;

    /// <summary>Weight of the difference in composite deprivation score: the main driver of need.</summary>
    public double Deprivation { get; init; } = 1.0;

    /// <summary>Weight of the difference in the share of residents in rural and highly rural areas.</summary>
    public double RuralShare { get; init; } = 1.0;

    /// <summary>Different governance type in the same tier, e.g. a unitary and a metropolitan district.</summary>
    public double SameTierOtherType { get; init; } = 0.5;

    /// <summary>A county and a single-tier council: both run social care, schools and highways.</summary>
    public double UpperAndSingleTier { get; init; } = 1.0;

    /// <summary>Any other pair of tiers, e.g. a district and a county: they run different services.</summary>
    public double OtherTier { get; init; } = 3.0;

    /// <summary>Same nation, different English region.</summary>
    public double OtherRegion { get; init; } = 0.25;

    /// <summary>Different nation: different legislation, funding and inspection regimes.</summary>
    public double OtherNation { get; init; } = 1.0;

    /// <summary>Charged in place of a numeric term when either council lacks the value (some combined authorities have no population).</summary>
    public double MissingValue { get; init; } = 1.0;
}
