namespace Recommend.Ingest.Import.Practices;

/// <summary>The practice fields a mapping can fill from an input column, and what each becomes.</summary>
public static class ImportField
{
    public const string Id = "id";
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Description = "description";
    public const string Url = "url";
    public const string Sector = "sector";
    public const string SecondarySector = "secondary_sector";
    public const string Country = "country";
    public const string Outcome = "outcome";
    public const string Adopter = "adopter";
    public const string Status = "status";
    public const string Year = "year";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Id] = "the catalogue's own id, slugged after the id prefix (default: the title)",
        [Title] = "title",
        [Summary] = "summary (default: the first sentences of the description)",
        [Description] = "description",
        [Url] = "source_url",
        [Sector] = "the primary service area, through the synonym table",
        [SecondarySector] = "a more specific service area, used first when it maps",
        [Country] = "evidence_context.countries (several separated by ';')",
        [Outcome] = "the outcome id, slugged with underscores (else the mapping's default_outcome)",
        [Adopter] = "the adopting organisation's name",
        [Status] = "the adopter's status (Pilot, Implemented, ...)",
        [Year] = "the adopter's start year",
    };

    public static readonly IReadOnlyList<string> Required = [Title, Description, Url, Sector];
}
