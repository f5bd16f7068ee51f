namespace Recommend.Core.Practices.Import;

/// <summary>The input formats the catalogue importer reads.</summary>
public enum ImportFormat
{
    Csv,
    JsonLines,
}
