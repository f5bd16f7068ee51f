namespace Recommend.Contracts.Councils;

/// <summary>
/// A council data file: the profiles plus where their facts come from. The attribution travels with
/// the data because the facts are mySociety's, published under CC-BY-4.0, which requires it.
/// </summary>
public sealed record CouncilFile
{
    public required string Source { get; init; }

    public required string Licence { get; init; }

    public required string Attribution { get; init; }

    public List<CouncilProfile> Councils { get; init; } = [];

    public const string MySocietySource =
        "mySociety uk_local_authority_names_and_codes, composite_uk_imd and uk_ruc (joined as uk_local_authorities.csv)";

    public const string MySocietyLicence = "CC-BY-4.0";

    public const string MySocietyAttribution =
        "Council names, codes, types, populations, deprivation and rural-urban data: mySociety (https://www.mysociety.org/), licensed CC-BY-4.0 (https://creativecommons.org/licenses/by/4.0/).";

    public static CouncilFile FromMySociety(IEnumerable<CouncilProfile> councils) => new()
    {
        Source = MySocietySource,
        Licence = MySocietyLicence,
        Attribution = MySocietyAttribution,
        Councils = [.. councils],
    };
}
