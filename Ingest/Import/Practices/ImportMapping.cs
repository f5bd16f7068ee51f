using Recommend.Contracts.Practices;

namespace Recommend.Ingest.Import.Practices;

/// <summary>
/// How another catalogue's rows become practices: which column fills which field (see
/// <see cref="ImportField"/>), the extra sector synonyms it needs, and the values it cannot supply.
/// Read from a small JSON file (snake_case) or from "--map title=name,description=description,...".
/// </summary>
/// <remarks>
/// Setters rather than init: the JSON source generator builds init-only objects with every
/// property assigned, so a key left out of the file would arrive as null instead of the default.
/// </remarks>
public sealed record ImportMapping
{
    public string? SourceName { get; set; }

    /// <summary>Prefix of every imported id, so ids from different catalogues never collide ("ips" gives "ips-10001").</summary>
    public string? IdPrefix { get; set; }

    /// <summary>Practice field (an <see cref="ImportField"/> name) to input column.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    /// <summary>Extra sector label to service area pairs, checked before the built-in table.</summary>
    public Dictionary<string, string> SectorSynonyms { get; set; } = [];

    /// <summary>The outcome for rows whose outcome column is unmapped or blank; set it only when it is true of every row.</summary>
    public string? DefaultOutcome { get; set; }

    /// <summary>A catalogue of cases describes what was done, not a tested programme.</summary>
    public string PracticeType { get; set; } = "case_study";

    /// <summary>Who the records are for when the source does not say; service managers look for cases like these.</summary>
    public List<string> Audiences { get; set; } = ["manager"];

    /// <summary>Nesta level the import may claim: null (unrated) or 1 (a described practice); anything stronger needs a review.</summary>
    public int? EvidenceLevel { get; set; }

    /// <summary>"title=name,description=description,...": each pair maps a practice field to a column.</summary>
    public static Dictionary<string, string> ParsePairs(string pairs)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw new FormatException($"'{pair}' is not field=column");
            }

            fields[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return fields;
    }

    /// <summary>Problems that make the mapping unusable, in words a researcher can fix; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var field in Fields.Keys.Where(f => !ImportField.Descriptions.ContainsKey(f)))
        {
            problems.Add($"'{field}' is not a field that can be mapped; fields: {string.Join(", ", ImportField.Descriptions.Keys)}");
        }

        foreach (var field in ImportField.Required.Where(f => !Fields.ContainsKey(f)))
        {
            problems.Add($"field '{field}' is required: map it to a column, e.g. {field}=COLUMN");
        }

        if (!Fields.ContainsKey(ImportField.Outcome) && DefaultOutcome is null)
        {
            problems.Add("a practice needs an outcome: map outcome=COLUMN, or set default_outcome in a mapping file");
        }

        if (DefaultOutcome is not null && (DefaultOutcome.Length == 0 || !DefaultOutcome.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            problems.Add($"default_outcome '{DefaultOutcome}' must be snake_case, e.g. service_improvement");
        }

        foreach (var (label, area) in SectorSynonyms.Where(s => !ServiceArea.IsKnown(s.Value)))
        {
            problems.Add($"sector synonym '{label}' maps to '{area}', which is not a service area; allowed: {string.Join(", ", ServiceArea.All)}");
        }

        if (!PracticeValidator.PracticeTypes.Contains(PracticeType))
        {
            problems.Add($"practice_type '{PracticeType}' is not one of {string.Join(", ", PracticeValidator.PracticeTypes)}");
        }

        if (Audiences.Count == 0 || Audiences.Any(a => !PracticeValidator.Audiences.Contains(a)))
        {
            problems.Add($"audiences must be one or more of {string.Join(", ", PracticeValidator.Audiences)}");
        }

        if (EvidenceLevel is not (null or 1))
        {
            problems.Add("evidence_level must be null (unrated) or 1: an imported record has not been reviewed for more");
        }

        if (IdPrefix is not null && (IdPrefix.Length is 0 or > 20 || Slug.From(IdPrefix) != IdPrefix))
        {
            problems.Add($"id_prefix '{IdPrefix}' must be a short lowercase slug such as 'ips'");
        }

        return problems;
    }
}
