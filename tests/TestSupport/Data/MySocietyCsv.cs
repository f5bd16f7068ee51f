using System.Text;

namespace Recommend.TestSupport.Data;

/// <summary>Builds small CSVs in mySociety's format: Blackpool's published row, with whatever a test changes.</summary>
public static class MySocietyCsv
{
    public static readonly string[] Header =
    [
        "local-authority-code", "official-name", "nice-name", "gss-code", "nation", "region", "local-authority-type",
        "local-authority-type-name", "lower-or-unitary", "pop-2020", "area", "lat", "long", "la-deprivation-score",
        "la-imd-pop-quintile", "la-imd-pop-decile", "imd-label", "highly-rural", "rural", "urban", "ruc-cluster-label",
    ];

    public static Dictionary<string, string> Blackpool() => new(StringComparer.Ordinal)
    {
        ["local-authority-code"] = "BPL",
        ["official-name"] = "Blackpool Borough Council",
        ["nice-name"] = "Blackpool",
        ["gss-code"] = "E06000009",
        ["nation"] = "England",
        ["region"] = "North West",
        ["local-authority-type"] = "UA",
        ["local-authority-type-name"] = "Unitary authority",
        ["lower-or-unitary"] = "True",
        ["pop-2020"] = "138381.0",
        ["area"] = "35.0",
        ["lat"] = "53.8207",
        ["long"] = "-3.0216",
        ["la-deprivation-score"] = "45.48705725513819",
        ["la-imd-pop-quintile"] = "1",
        ["la-imd-pop-decile"] = "1",
        ["imd-label"] = "1st IMD quintile",
        ["highly-rural"] = "0.0",
        ["rural"] = "0.0",
        ["urban"] = "1.0",
        ["ruc-cluster-label"] = "Urban",
    };

    /// <summary>Blackpool with each change applied; "code" values make each row distinct.</summary>
    public static Dictionary<string, string> Row(params (string Column, string Value)[] changes)
    {
        var row = Blackpool();
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    public static string Build(IEnumerable<Dictionary<string, string>> rows, string[]? header = null)
    {
        header ??= Header;
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header.Select(Quote))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', header.Select(h => Quote(row.GetValueOrDefault(h, ""))))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
}
