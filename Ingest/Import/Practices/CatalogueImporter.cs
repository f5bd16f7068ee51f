using System.Text.RegularExpressions;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Import.Practices;

/// <summary>
/// Turns rows of another catalogue (CSV or JSON Lines) into practices through an <see cref="ImportMapping"/>.
/// A row becomes a practice only if it passes <see cref="PracticeValidator"/>; otherwise it is rejected
/// with every reason. Imported records claim no more than the source shows: evidence unrated (or level 1
/// when the mapping says so), effect direction unknown, no cost band.
/// </summary>
public sealed partial class CatalogueImporter
{
    private readonly ImportMapping _mapping;
    private readonly string _sourceName;
    private readonly string _idPrefix;
    private readonly ServiceAreaSynonyms _synonyms;

    /// <param name="mapping">Columns to fields; refused with every problem when it cannot work.</param>
    /// <param name="sourceName">The catalogue's name as a reader should see it in a practice's source.</param>
    /// <param name="idPrefix">Prefix for every id; must already be a slug.</param>
    public CatalogueImporter(ImportMapping mapping, string sourceName, string idPrefix)
    {
        var problems = mapping.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The mapping cannot be used: {string.Join("; ", problems)}.", nameof(mapping));
        }

        _mapping = mapping;
        _sourceName = sourceName;
        _idPrefix = idPrefix;
        _synonyms = new ServiceAreaSynonyms(mapping.SectorSynonyms);
    }

    /// <summary>Reads a file in the given format; throws <see cref="InvalidDataException"/> when a mapped column is not in the CSV header.</summary>
    public CatalogueImportResult Import(TextReader reader, ImportFormat format)
    {
        if (format == ImportFormat.JsonLines)
        {
            return Import(JsonLinesTable.Rows(reader));
        }

        var table = CsvTable.Open(reader);
        var missing = table.MissingColumns(_mapping.Fields.Values.Distinct(StringComparer.Ordinal));
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"mapped column(s) {string.Join(", ", missing)} are not in the header; the file has {string.Join(", ", table.Header)}.");
        }

        return Import(table.Rows());
    }

    public CatalogueImportResult Import(IEnumerable<SourceRow> rows)
    {
        var practices = new List<Practice>();
        var rejects = new List<RowReject>();
        var unmappedSecondary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var rowsRead = 0;

        foreach (var row in rows)
        {
            rowsRead++;
            if (row.Error is not null)
            {
                rejects.Add(RowReject.For(row, null, [new ValidationError(RowReject.RowField, row.Error)]));
                continue;
            }

            var (practice, problems) = Build(row, unmappedSecondary);
            if (problems.Count == 0 && ids.TryGetValue(practice.Id, out var firstAt))
            {
                problems.Add(new ValidationError("id", $"duplicate '{practice.Id}', first seen at {firstAt}"));
            }

            if (problems.Count > 0)
            {
                rejects.Add(RowReject.For(row, practice.Id.Length > 0 ? practice.Id : null, problems));
                continue;
            }

            ids[practice.Id] = row.Position;
            practices.Add(practice);
        }

        // The promise to the user is that nothing is dropped silently; make a broken promise loud.
        if (practices.Count + rejects.Count != rowsRead)
        {
            throw new InvalidOperationException($"Import accounted for {practices.Count + rejects.Count} of {rowsRead} rows.");
        }

        return new CatalogueImportResult(rowsRead, practices, rejects, unmappedSecondary);
    }

    private (Practice Practice, List<ValidationError> Problems) Build(SourceRow row, Dictionary<string, int> unmappedSecondary)
    {
        var problems = new List<ValidationError>();
        var explained = new HashSet<string>(StringComparer.Ordinal);
        void Fail(string field, string message)
        {
            problems.Add(new ValidationError(field, message));
            explained.Add(field);
        }

        var title = Value(row, ImportField.Title) is { } t ? ImportedText.OneLine(t) : "";
        var description = Value(row, ImportField.Description) is { } d ? ImportedText.Paragraphs(d) : "";
        var summaryColumn = Value(row, ImportField.Summary);
        var summary = summaryColumn is not null ? ImportedText.OneLine(summaryColumn) : ImportedText.Summarise(description);

        var id = BuildId(row, title, Fail);
        var url = BuildUrl(row, Fail);
        var areas = BuildServiceAreas(row, unmappedSecondary, Fail);
        var outcomes = BuildOutcomes(row, Fail);
        var adopters = BuildAdopters(row, Fail);
        var countries = Value(row, ImportField.Country)?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList() ?? [];

        var status = Value(row, ImportField.Status);
        var practice = new Practice
        {
            Id = id,
            Title = title,
            Summary = summary,
            Description = description,
            Source = _sourceName,
            SourceUrl = url ?? "",
            PracticeType = _mapping.PracticeType,
            ServiceAreas = areas,
            Outcomes = outcomes,
            Evidence = new Evidence
            {
                Level = _mapping.EvidenceLevel,
                // On the mapping's "none" scale (data/catalogue/evidence-mapping.json): a described case is grade "description" (level 1).
                RatingScale = "none",
                RatingGrade = _mapping.EvidenceLevel is 1 ? "description" : null,
                EffectDirection = "unknown",
                Notes = status is null
                    ? $"Imported from {_sourceName}; not rated against the Nesta Standards of Evidence."
                    : $"Imported from {_sourceName}; not rated against the Nesta Standards of Evidence. Status as published: {status}.",
            },
            Cost = new Cost(),
            EvidenceContext = countries.Count > 0 ? new EvidenceContext { Countries = countries } : null,
            Adopters = adopters,
            Audiences = [.. _mapping.Audiences],
        };

        // A derived summary fails only because its description does; say it once, where it can be fixed.
        var errors = PracticeValidator.Validate(practice);
        var descriptionFails = errors.Any(e => e.Field == "description");
        foreach (var error in errors)
        {
            var redundant = explained.Contains(error.Field) || (error.Field == "summary" && summaryColumn is null && descriptionFails);
            if (!redundant)
            {
                problems.Add(error);
            }
        }

        return (practice, problems);
    }

    private string? Value(SourceRow row, string field) =>
        _mapping.Fields.TryGetValue(field, out var column) ? row.Get(column) : null;

    private string Column(string field) => _mapping.Fields.GetValueOrDefault(field, field);

    private string BuildId(SourceRow row, string title, Action<string, string> fail)
    {
        var raw = _mapping.Fields.ContainsKey(ImportField.Id) ? Value(row, ImportField.Id) : title;
        var slug = raw is null ? "" : Slug.From(raw, PracticeValidator.MaxIdLength - _idPrefix.Length - 1);
        if (slug.Length == 0)
        {
            fail("id", raw is null ? $"no value in column '{Column(ImportField.Id)}'" : $"'{raw}' has no letters or digits to make an id from");
            return "";
        }

        return $"{_idPrefix}-{slug}";
    }

    private string? BuildUrl(SourceRow row, Action<string, string> fail)
    {
        var raw = Value(row, ImportField.Url);
        if (raw is null)
        {
            fail("source_url", $"no url in column '{Column(ImportField.Url)}'");
            return null;
        }

        var url = ImportedText.WebAddress(raw);
        if (url is null)
        {
            fail("source_url", $"'{ImportedText.OneLine(raw)}' is not a web address");
        }

        return url;
    }

    private List<string> BuildServiceAreas(SourceRow row, Dictionary<string, int> unmappedSecondary, Action<string, string> fail)
    {
        var areas = new List<string>();
        var secondary = Value(row, ImportField.SecondarySector);
        if (secondary is not null)
        {
            if (_synonyms.Map(secondary) is { } area)
            {
                areas.Add(area);
            }
            else
            {
                var label = ImportedText.OneLine(secondary);
                unmappedSecondary[label] = unmappedSecondary.GetValueOrDefault(label) + 1;
            }
        }

        var sector = Value(row, ImportField.Sector);
        if (sector is null)
        {
            fail("service_areas", $"no sector in column '{Column(ImportField.Sector)}'");
        }
        else if (ServiceAreaSynonyms.IsNationalFunction(sector))
        {
            fail("service_areas", $"sector '{sector}' is a national function with no council service area");
        }
        else if (_synonyms.Map(sector) is { } area)
        {
            areas.Add(area);
        }
        else if (areas.Count == 0)
        {
            fail("service_areas", $"sector '{sector}' matches no service area; add it to sector_synonyms in the mapping file");
        }

        return [.. areas.Distinct(StringComparer.Ordinal)];
    }

    private List<string> BuildOutcomes(SourceRow row, Action<string, string> fail)
    {
        var raw = Value(row, ImportField.Outcome);
        // "Service personalisation (various)" is the outcome "service_personalisation": the note in brackets is not.
        var outcome = raw is null ? "" : Slug.From(Parenthetical().Replace(raw, " ")).Replace('-', '_');
        if (outcome.Length > 0)
        {
            return [outcome];
        }

        if (_mapping.DefaultOutcome is { } fallback)
        {
            return [fallback];
        }

        fail("outcomes", $"no outcome in column '{Column(ImportField.Outcome)}'");
        return [];
    }

    private List<Adopter> BuildAdopters(SourceRow row, Action<string, string> fail)
    {
        var name = Value(row, ImportField.Adopter);
        var status = Value(row, ImportField.Status);
        var adopterStatus = AdopterStatus(status);
        // A project still planned or in development has a lead organisation but no adopter yet.
        if (name is null || (status is not null && adopterStatus is null))
        {
            return [];
        }

        int? year = null;
        if (Value(row, ImportField.Year) is { } yearText)
        {
            var match = FourDigits().Match(yearText);
            if (match.Success && int.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture) is >= 1950 and <= 2030 and var y)
            {
                year = y;
            }
            else
            {
                fail("adopters.year", $"'{yearText}' is not a year from 1950 to 2030");
            }
        }

        return [new Adopter { CouncilName = ImportedText.OneLine(name), Year = year, Status = adopterStatus }];
    }

    /// <summary>The catalogue's status in the schema's adopter vocabulary; plans and work in progress are not adoptions yet.</summary>
    private static string? AdopterStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "pilot" or "piloted" => "pilot",
        "implemented" or "in production" or "in use" => "implemented",
        "scaled" => "scaled",
        "evaluated" => "evaluated",
        "not in use anymore" or "discontinued" or "stopped" => "discontinued",
        _ => null,
    };

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"\b\d{4}\b")]
    private static partial Regex FourDigits();
}
