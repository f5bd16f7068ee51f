using Recommend.Contracts.Practices;

namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// An input row an importer refused: where it is, what it was (when known), and every reason, each
/// naming the column or field at fault so a summary can count the commonest problems.
/// </summary>
public sealed record RowReject(int Row, string Position, string? Key, IReadOnlyList<ValidationError> Problems)
{
    /// <summary>The field a reader error is filed under: the row itself could not be read.</summary>
    public const string RowField = "row";

    public static RowReject For(SourceRow row, string? key, IReadOnlyList<ValidationError> problems) =>
        new(row.Row, row.Position, key, problems);

    public string Reason => string.Join("; ", Problems);

    public override string ToString() => Key is null ? $"{Position}: {Reason}" : $"{Position} '{Key}': {Reason}";
}
