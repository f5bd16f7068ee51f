namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// One input row from any tabular source (CSV or JSON Lines), by column name. Importers read rows
/// through this so a mapping works the same on both formats. A row that could not be read at all
/// carries an <see cref="Error"/> and no values; the importer must reject it, never skip it.
/// </summary>
public sealed record SourceRow(int Row, int Line, IReadOnlyDictionary<string, string> Values, string? Error)
{
    /// <summary>The trimmed value of a column, or null when the column is absent or blank.</summary>
    public string? Get(string column) =>
        Values.TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Where the row is, in words a user can find in the file.</summary>
    public string Position => Row == Line ? $"row {Row}" : $"row {Row} (line {Line})";
}
