using System.Globalization;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Import.Councils;

/// <summary>
/// Reads mySociety's joined local-authority table (uk_local_authorities.csv: names and codes,
/// composite UK deprivation and rural-urban classification) into validated council profiles.
/// Every data row ends up loaded or rejected with its row number and the reasons.
/// </summary>
public static class MySocietyCouncilImporter
{
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "local-authority-code", "official-name", "nice-name", "gss-code", "nation", "region",
        "local-authority-type", "pop-2020", "area", "lat", "long", "la-deprivation-score",
        "la-imd-pop-quintile", "la-imd-pop-decile", "highly-rural", "rural", "urban", "ruc-cluster-label",
    ];

    /// <summary>
    /// mySociety's local-authority-type codes. Every code in the published file is listed, so a new
    /// code is a reject to look at rather than a council of the wrong kind.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TypeCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CTY"] = GovernanceType.County,
        ["NMD"] = GovernanceType.District,
        ["UA"] = GovernanceType.Unitary,
        ["MD"] = GovernanceType.MetropolitanDistrict,
        ["LBO"] = GovernanceType.LondonBorough,
        ["SCO"] = GovernanceType.ScottishCouncil,
        ["WPA"] = GovernanceType.WelshPrincipal,
        ["NID"] = GovernanceType.NiDistrict,
        ["COMB"] = GovernanceType.CombinedAuthority,
        // The Greater London Authority (the one SRA) is a strategic authority like the combined
        // authorities: transport, policing and economic development over its boroughs, no social care or schools.
        ["SRA"] = GovernanceType.CombinedAuthority,
        // The City of London Corporation (CC) runs London-borough services for the Square Mile and has
        // an E09 code like the boroughs; comparing it with them is closer than with any other type.
        ["CC"] = GovernanceType.LondonBorough,
    };

    /// <summary>Reads the header first: throws <see cref="InvalidDataException"/> naming any missing column.</summary>
    public static CouncilImportResult Import(TextReader reader)
    {
        var table = CsvTable.Open(reader);
        var missing = table.MissingColumns(RequiredColumns);
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"the header is missing column(s) {string.Join(", ", missing)}; is this mySociety's uk_local_authorities.csv? (docs/data-sources.md)");
        }

        var councils = new List<CouncilProfile>();
        var rejects = new List<RowReject>();
        var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var gssCodes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rowsRead = 0;

        foreach (var row in table.Rows())
        {
            rowsRead++;
            var code = row.Get("local-authority-code");
            if (row.Error is not null)
            {
                rejects.Add(RowReject.For(row, code, [new ValidationError(RowReject.RowField, row.Error)]));
                continue;
            }

            var (council, problems) = Parse(row);
            if (council is not null)
            {
                problems.AddRange(CouncilValidator.Validate(council));
            }

            if (problems.Count == 0 && council is not null)
            {
                if (codes.TryGetValue(council.Code, out var firstAt))
                {
                    problems.Add(new ValidationError("local-authority-code", $"duplicate, first seen at {firstAt}"));
                }
                else if (gssCodes.TryGetValue(council.GssCode, out var gssFirstAt))
                {
                    problems.Add(new ValidationError("gss-code", $"duplicate {council.GssCode}, first seen at {gssFirstAt}"));
                }
            }

            if (problems.Count > 0 || council is null)
            {
                rejects.Add(RowReject.For(row, code, problems));
                continue;
            }

            codes[council.Code] = row.Position;
            gssCodes[council.GssCode] = row.Position;
            councils.Add(council);
        }

        return new CouncilImportResult(rowsRead, councils, rejects);
    }

    private static (CouncilProfile? Council, List<ValidationError> Problems) Parse(SourceRow row)
    {
        var problems = new List<ValidationError>();

        var code = row.Get("local-authority-code");
        if (code is null)
        {
            problems.Add(new ValidationError("local-authority-code", "is missing"));
        }

        var typeCode = row.Get("local-authority-type");
        string? governanceType = null;
        if (typeCode is null)
        {
            problems.Add(new ValidationError("local-authority-type", "is missing"));
        }
        else if (!TypeCodes.TryGetValue(typeCode, out governanceType))
        {
            problems.Add(new ValidationError("local-authority-type", $"unknown type '{typeCode}' (known: {string.Join(", ", TypeCodes.Keys)})"));
        }

        var rucLabel = row.Get("ruc-cluster-label");
        var ruralUrban = rucLabel is null ? null : RuralUrbanClass.FromClusterLabel(rucLabel);
        if (ruralUrban is null)
        {
            problems.Add(new ValidationError("ruc-cluster-label", rucLabel is null
                ? "is missing"
                : $"unknown label '{rucLabel}' (known: Urban, Urban with rural areas, Rural, Sparse and rural)"));
        }

        var population = OptionalNumber(row, "pop-2020", problems);
        int? wholePopulation = null;
        if (population is { } p)
        {
            if (p != Math.Floor(p) || p > int.MaxValue)
            {
                problems.Add(new ValidationError("pop-2020", $"'{row.Get("pop-2020")}' is not a whole number of people"));
            }
            else
            {
                wholePopulation = (int)p;
            }
        }

        var area = OptionalNumber(row, "area", problems);
        var lat = OptionalNumber(row, "lat", problems);
        var lon = OptionalNumber(row, "long", problems);
        var score = RequiredNumber(row, "la-deprivation-score", problems);
        var quintile = RequiredInteger(row, "la-imd-pop-quintile", problems);
        var decile = RequiredInteger(row, "la-imd-pop-decile", problems);
        var highlyRural = RequiredNumber(row, "highly-rural", problems);
        var rural = RequiredNumber(row, "rural", problems);
        var urban = RequiredNumber(row, "urban", problems);

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var council = new CouncilProfile
        {
            Code = code!.ToUpperInvariant(),
            GssCode = row.Get("gss-code") ?? "",
            Name = row.Get("nice-name") ?? row.Get("official-name") ?? "",
            OfficialName = row.Get("official-name"),
            Nation = row.Get("nation") ?? "",
            Region = row.Get("region") ?? "",
            GovernanceType = governanceType!,
            Population = wholePopulation,
            PopulationBand = wholePopulation is { } people && people > 0 ? PopulationBand.For(people) : null,
            AreaKm2 = area,
            RuralUrban = ruralUrban!,
            HighlyRuralShare = highlyRural!.Value,
            RuralShare = rural!.Value,
            UrbanShare = urban!.Value,
            DeprivationScore = score!.Value,
            DeprivationDecile = decile!.Value,
            DeprivationQuintile = quintile!.Value,
            Lat = lat,
            Long = lon,
        };
        return (council, problems);
    }

    private static double? OptionalNumber(SourceRow row, string column, List<ValidationError> problems)
    {
        var text = row.Get(column);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problems.Add(new ValidationError(column, $"'{text}' is not a number"));
            return null;
        }

        return value;
    }

    private static double? RequiredNumber(SourceRow row, string column, List<ValidationError> problems)
    {
        if (row.Get(column) is null)
        {
            problems.Add(new ValidationError(column, "is missing"));
            return null;
        }

        return OptionalNumber(row, column, problems);
    }

    private static int? RequiredInteger(SourceRow row, string column, List<ValidationError> problems)
    {
        var text = row.Get(column);
        if (text is null)
        {
            problems.Add(new ValidationError(column, "is missing"));
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(new ValidationError(column, $"'{text}' is not a whole number"));
            return null;
        }

        return value;
    }
}
