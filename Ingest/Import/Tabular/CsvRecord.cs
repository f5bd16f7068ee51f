namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// One record of a CSV file. <see cref="Row"/> counts records with the header as row 1, so it
/// matches the row a spreadsheet shows; <see cref="Line"/> is the physical line the record starts on,
/// which differs once a quoted field spans lines. A malformed record keeps its position and an
/// <see cref="Error"/> so the caller can reject it with a reason instead of losing it.
/// </summary>
public sealed record CsvRecord(int Row, int Line, IReadOnlyList<string> Fields, string? Error);
