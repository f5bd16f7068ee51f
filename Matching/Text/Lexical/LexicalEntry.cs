using System.Text;
using Recommend.Matching.Text.Analysis;

namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// One document as a <see cref="LexicalIndex"/> holds it: its analysed terms (ascending, ordinal)
/// with their counts in the title and the body, and the two field lengths. Made once by the writer
/// of an index delta and added as it is by every reader (<see cref="LexicalIndex.Add(LexicalEntry)"/>),
/// so no reader analyses text, and every reader of a delta holds the same entry.
/// </summary>
public sealed record LexicalEntry(string Id, string[] Terms, ushort[] TitleCounts, ushort[] BodyCounts, int TitleWords, int BodyWords)
{
    /// <summary>Analyses a document as <see cref="LexicalIndex.Add(TextDocument)"/> would.</summary>
    public static LexicalEntry Analyse(TextDocument document, TextAnalyzer analyzer)
    {
        var vocabulary = new TermVocabulary();
        var counter = new DocumentCounter(vocabulary) { InTitle = true };
        analyzer.Analyze(document.Title, ref counter);
        counter.InTitle = false;
        analyzer.Analyze(document.Body, ref counter);
        var ids = counter.SortedTerms();
        var entry = new (string Term, ushort Title, ushort Body)[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            entry[i] = (vocabulary[ids[i]], Count(counter.TitleCounts[ids[i]]), Count(counter.BodyCounts[ids[i]]));
        }

        Array.Sort(entry, (a, b) => string.CompareOrdinal(a.Term, b.Term));
        return new LexicalEntry(
            document.Id,
            [.. entry.Select(e => e.Term)],
            [.. entry.Select(e => e.Title)],
            [.. entry.Select(e => e.Body)],
            counter.TitleWords,
            counter.BodyWords);
    }

    public static void WriteAll(Stream stream, IReadOnlyList<LexicalEntry> entries)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(entries.Count);
        foreach (var entry in entries)
        {
            writer.Write(entry.Id);
            writer.Write(entry.TitleWords);
            writer.Write(entry.BodyWords);
            writer.Write(entry.Terms.Length);
            for (var i = 0; i < entry.Terms.Length; i++)
            {
                writer.Write(entry.Terms[i]);
                writer.Write(entry.TitleCounts[i]);
                writer.Write(entry.BodyCounts[i]);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteAll"/> wrote; anything else is an <see cref="InvalidDataException"/>.</summary>
    public static List<LexicalEntry> ReadAll(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var count = reader.ReadInt32();
            var entries = new List<LexicalEntry>(Math.Clamp(count, 0, 10_000));
            for (var e = 0; e < count; e++)
            {
                var id = reader.ReadString();
                var titleWords = reader.ReadInt32();
                var bodyWords = reader.ReadInt32();
                var terms = reader.ReadInt32();
                if (terms < 0 || titleWords < 0 || bodyWords < 0)
                {
                    throw new InvalidDataException($"Lexical entry '{id}' is damaged.");
                }

                var entry = new LexicalEntry(id, new string[terms], new ushort[terms], new ushort[terms], titleWords, bodyWords);
                for (var i = 0; i < terms; i++)
                {
                    entry.Terms[i] = reader.ReadString();
                    entry.TitleCounts[i] = reader.ReadUInt16();
                    entry.BodyCounts[i] = reader.ReadUInt16();
                }

                entries.Add(entry);
            }

            return entries;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Lexical entries are truncated.", ex);
        }
    }

    // Postings store counts as ushort; a term said more than 65,535 times in one field saturates.
    private static ushort Count(float count) => (ushort)Math.Min(count, ushort.MaxValue);
}
