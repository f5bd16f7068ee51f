namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// A CSV file with a header row, read as <see cref="SourceRow"/>s keyed by column name.
/// A row with a different number of fields from the header is returned with an error rather than
/// guessed at: a shifted column would put a population into a deprivation score.
/// </summary>
public sealed class CsvTable
{
    private readonly IEnumerator<CsvRecord> _records;

    public IReadOnlyList<string> Header { get; }

    private CsvTable(IReadOnlyList<string> header, IEnumerator<CsvRecord> records)
    {
        Header = header;
        _records = records;
    }

    /// <summary>Reads the header; throws <see cref="InvalidDataException"/> when there is none or it is malformed.</summary>
    public static CsvTable Open(TextReader reader)
    {
        var records = CsvReader.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            records.Dispose();
            throw new InvalidDataException("the file is empty: expected a header row.");
        }

        var header = records.Current;
        if (header.Error is not null)
        {
            records.Dispose();
            throw new InvalidDataException($"the header row is malformed: {header.Error}.");
        }

        var names = header.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            records.Dispose();
            throw new InvalidDataException($"the header names column '{duplicate.Key}' twice.");
        }

        return new CsvTable(names, records);
    }

    public IReadOnlyList<string> MissingColumns(IEnumerable<string> required) =>
        required.Where(c => !Header.Contains(c, StringComparer.Ordinal)).ToArray();

    /// <summary>The data rows, once; row numbers count the header as row 1.</summary>
    public IEnumerable<SourceRow> Rows()
    {
        using var records = _records;
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Error is not null)
            {
                yield return new SourceRow(record.Row, record.Line, new Dictionary<string, string>(), record.Error);
                continue;
            }

            if (record.Fields.Count != Header.Count)
            {
                yield return new SourceRow(record.Row, record.Line, new Dictionary<string, string>(),
                    $"has {record.Fields.Count} fields but the header has {Header.Count}");
                continue;
            }

            var values = new Dictionary<string, string>(Header.Count, StringComparer.Ordinal);
            for (var i = 0; i < Header.Count; i++)
            {
                values[Header[i]] = record.Fields[i];
            }

            yield return new SourceRow(record.Row, record.Line, values, null);
        }
    }
}
