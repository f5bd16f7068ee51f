namespace Recommend.Ingest.Councils;

/// <summary>Configuration section "Councils".</summary>
public sealed class CouncilOptions
{
    public const string Section = "Councils";

    /// <summary>
    /// mySociety's uk_local_authorities.csv (all UK councils). When it names an existing file its rows
    /// are published over the shipped examples; otherwise the examples alone are.
    /// </summary>
    public string? ReferenceCsv { get; set; }

    /// <summary>Folder of council JSON files; defaults to the example councils shipped next to the binary.</summary>
    public string? ExamplesFolder { get; set; }
}
