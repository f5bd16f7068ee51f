namespace Recommend.Core.Tabular;

/// <summary>An input row an importer refused: where it is, what it was (when known), and why.</summary>
public sealed record RowReject(int Row, string Position, string? Key, string Reason)
{
    public static RowReject For(SourceRow row, string? key, string reason) => new(row.Row, row.Position, key, reason);

    public override string ToString() => Key is null ? $"{Position}: {Reason}" : $"{Position} '{Key}': {Reason}";
}
