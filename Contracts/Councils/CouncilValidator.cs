using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Councils;

/// <summary>
/// Checks a council profile before anything ranks against it: a wrong decile or a swapped
/// latitude would silently move a council among its neighbours, so bad facts are refused with a reason.
/// </summary>
public static class CouncilValidator
{
    /// <summary>Shares come from floating-point sums in the source; a thousandth of slack absorbs rounding only.</summary>
    private const double ShareTolerance = 0.001;

    public static IReadOnlyList<ValidationError> Validate(CouncilProfile council)
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (string.IsNullOrWhiteSpace(council.Code))
        {
            Fail("code", "is required");
        }
        else if (council.Code.Length is < 3 or > 4 || !council.Code.All(char.IsAsciiLetterUpper))
        {
            Fail("code", $"'{council.Code}' is not a mySociety code (3 or 4 capital letters)");
        }

        if (string.IsNullOrWhiteSpace(council.Name))
        {
            Fail("name", "is required");
        }

        var nationKnown = Nation.All.Contains(council.Nation);
        if (!nationKnown)
        {
            Fail("nation", $"'{council.Nation}' is not one of {string.Join(", ", Nation.All)}");
        }

        if (string.IsNullOrWhiteSpace(council.GssCode))
        {
            Fail("gss_code", "is required");
        }
        else if (council.GssCode.Length != 9 || !char.IsAsciiLetterUpper(council.GssCode[0]) || !council.GssCode[1..].All(char.IsAsciiDigit))
        {
            Fail("gss_code", $"'{council.GssCode}' is not a GSS code (a letter and eight digits, e.g. E06000009)");
        }
        else if (nationKnown && council.GssCode[0] != Nation.GssPrefix(council.Nation))
        {
            Fail("gss_code", $"'{council.GssCode}' is not a {council.Nation} code (those start with {Nation.GssPrefix(council.Nation)})");
        }

        if (string.IsNullOrWhiteSpace(council.Region))
        {
            Fail("region", "is required");
        }

        if (!GovernanceType.All.Contains(council.GovernanceType))
        {
            Fail("governance_type", $"'{council.GovernanceType}' is not one of {string.Join(", ", GovernanceType.All)}");
        }
        else if (nationKnown && GovernanceType.NationOf(council.GovernanceType) != council.Nation)
        {
            Fail("governance_type", $"'{council.GovernanceType}' does not exist in {council.Nation}");
        }

        ValidatePopulation(council, Fail);
        ValidateRurality(council, Fail);
        ValidateDeprivation(council, Fail);

        // The UK's extent with a little margin: catches latitude and longitude swapped or signs lost.
        if (council.Lat is { } lat && (lat < 49 || lat > 61))
        {
            Fail("lat", $"{lat} is outside the UK (49 to 61)");
        }

        if (council.Long is { } lon && (lon < -9 || lon > 2))
        {
            Fail("long", $"{lon} is outside the UK (-9 to 2)");
        }

        if (council.Lat.HasValue != council.Long.HasValue)
        {
            Fail("lat", "lat and long must both be given or both be null");
        }

        return errors;
    }

    private static void ValidatePopulation(CouncilProfile council, Action<string, string> fail)
    {
        if (council.Population is { } population)
        {
            if (population <= 0)
            {
                fail("population", $"must be positive (was {population})");
            }
            else if (council.PopulationBand != PopulationBand.For(population))
            {
                fail("population_band", $"'{council.PopulationBand}' does not match a population of {population} ({PopulationBand.For(population)})");
            }
        }
        else if (council.PopulationBand is not null)
        {
            fail("population_band", "must be null when the population is not known");
        }

        if (council.AreaKm2 is <= 0)
        {
            fail("area_km2", $"must be positive (was {council.AreaKm2})");
        }
    }

    private static void ValidateRurality(CouncilProfile council, Action<string, string> fail)
    {
        if (!RuralUrbanClass.All.Contains(council.RuralUrban))
        {
            fail("rural_urban", $"'{council.RuralUrban}' is not one of {string.Join(", ", RuralUrbanClass.All)}");
        }

        var shares = new[] { ("highly_rural_share", council.HighlyRuralShare), ("rural_share", council.RuralShare), ("urban_share", council.UrbanShare) };
        foreach (var (field, share) in shares)
        {
            if (double.IsNaN(share) || share < 0 || share > 1)
            {
                fail(field, $"must be a share from 0 to 1 (was {share})");
            }
        }

        var total = council.HighlyRuralShare + council.RuralShare + council.UrbanShare;
        if (Math.Abs(total - 1) > ShareTolerance)
        {
            fail("urban_share", $"highly rural, rural and urban shares must add up to 1 (they add up to {total:0.###})");
        }
    }

    private static void ValidateDeprivation(CouncilProfile council, Action<string, string> fail)
    {
        if (double.IsNaN(council.DeprivationScore) || council.DeprivationScore < 0 || council.DeprivationScore > 100)
        {
            fail("deprivation_score", $"must be from 0 to 100 (was {council.DeprivationScore})");
        }

        if (council.DeprivationDecile is < 1 or > 10)
        {
            fail("deprivation_decile", $"must be 1-10, 1 = most deprived (was {council.DeprivationDecile})");
        }

        if (council.DeprivationQuintile is < 1 or > 5)
        {
            fail("deprivation_quintile", $"must be 1-5, 1 = most deprived (was {council.DeprivationQuintile})");
        }
        else if (council.DeprivationDecile is >= 1 and <= 10 && council.DeprivationQuintile != (council.DeprivationDecile + 1) / 2)
        {
            fail("deprivation_quintile", $"{council.DeprivationQuintile} does not match decile {council.DeprivationDecile} (expected {(council.DeprivationDecile + 1) / 2})");
        }
    }
}
