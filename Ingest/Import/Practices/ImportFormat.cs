namespace Recommend.Ingest.Import.Practices;

/// <summary>The input formats the catalogue importer reads.</summary>
public enum ImportFormat
{
    Csv,
    JsonLines,
}
