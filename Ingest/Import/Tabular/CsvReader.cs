using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Recommend.Ingest.Import.Tabular;

/// <summary>
/// Reads RFC 4180 CSV with CsvHelper's parser (CRLF, LF or a lone CR end a record; quoted fields
/// may hold commas, doubled quotes and line breaks) and numbers each record the way a user finds it.
/// </summary>
/// <remarks>
/// Kept from the parser's lenient mode, each so real exports read the way their authors meant:
/// a quote inside an unquoted field is a literal character (as spreadsheets write it); a blank
/// line between records is skipped and does not count as a row. Turned into a record with
/// <see cref="CsvRecord.Error"/> rather than a guess: text after a closing quote (reading resumes at
/// the next record) and a quoted field that never closes (it runs to the end of the file).
/// </remarks>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        string? badField = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            IgnoreBlankLines = true,
            BadDataFound = args => badField ??= args.Field,
        };

        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        var row = 0;
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            var raw = parser.RawRecord;
            var opensAt = -1;
            var error = badField is null ? null : Describe(badField, raw, fields.Length, out opensAt);
            var unterminated = opensAt >= 0;

            // RawRow is the physical line the record ends on; walk back over the line breaks inside it.
            var breaks = LineBreaks(raw.AsSpan());
            var endsWithTerminator = !unterminated && raw.Length > 0 && raw[^1] is '\n' or '\r';
            var line = parser.RawRow - breaks + (endsWithTerminator ? 1 : 0);
            if (unterminated)
            {
                error = $"quoted field {fields.Length} opened on line {line + LineBreaks(raw.AsSpan(0, opensAt))} never closes";
            }

            yield return new CsvRecord(++row, line, fields, error);
            badField = null;
        }
    }

    /// <summary>
    /// What is wrong with a field the parser flagged, or null when it is only a literal quote inside
    /// an unquoted field. <paramref name="opensAt"/> is where an unclosed quoted field starts in the raw record, else -1.
    /// </summary>
    private static string? Describe(string field, string raw, int fieldCount, out int opensAt)
    {
        opensAt = -1;
        if (!field.StartsWith('"'))
        {
            return null;
        }

        // A quoted field that never closes swallows the rest of the file, and holds no closing quote.
        if (raw.EndsWith(field, StringComparison.Ordinal) && !field[1..].Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal))
        {
            opensAt = raw.Length - field.Length;
            return $"quoted field {fieldCount} never closes";
        }

        var shown = field.Length <= 40 ? field : field[..40] + "...";
        return $"text after a closing quote in field {shown}";
    }

    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
