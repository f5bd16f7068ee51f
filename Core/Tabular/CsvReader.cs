using System.Text;

namespace Recommend.Core.Tabular;

/// <summary>
/// An RFC 4180 reader: comma-separated fields, records ended by CRLF (LF or a lone CR are accepted
/// too), fields optionally enclosed in double quotes, a quote inside a quoted field written as two
/// quotes, and commas and line breaks allowed inside quoted fields.
/// </summary>
/// <remarks>
/// Deliberate departures, each chosen so real exports read the way their authors meant:
/// a quote inside an unquoted field is kept as a literal character (as spreadsheets write it);
/// an empty line between records is skipped rather than read as a record with one empty field;
/// text after a closing quote, or a quoted field that never closes, yields a record with
/// <see cref="CsvRecord.Error"/> set, and reading resumes at the next record.
/// </remarks>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var row = 0;
        var line = 1;
        var recordLine = 1;
        string? error = null;
        var inQuotes = false;
        var afterClosingQuote = false;
        var quoteOpenedOnLine = 0;
        var atRecordStart = true;

        int next;
        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;

            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                afterClosingQuote = false;
                atRecordStart = false;
                continue;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                line++;
                if (atRecordStart && field.Length == 0)
                {
                    // A blank line: nothing to report, and it must not shift the row numbers.
                    recordLine = line;
                    continue;
                }

                fields.Add(field.ToString());
                yield return new CsvRecord(++row, recordLine, fields.ToArray(), error);
                fields.Clear();
                field.Clear();
                error = null;
                afterClosingQuote = false;
                atRecordStart = true;
                recordLine = line;
                continue;
            }

            atRecordStart = false;
            if (afterClosingQuote)
            {
                // Keep reading to the end of the record so the next record starts in the right place.
                error ??= $"text after a closing quote in field {fields.Count + 1}";
                field.Append(c);
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
                quoteOpenedOnLine = line;
                continue;
            }

            field.Append(c);
        }

        if (inQuotes)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(++row, recordLine, fields.ToArray(),
                $"quoted field {fields.Count} opened on line {quoteOpenedOnLine} never closes");
            yield break;
        }

        if (!atRecordStart || field.Length > 0 || afterClosingQuote)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(++row, recordLine, fields.ToArray(), error);
        }
    }
}
