namespace Recommend.Matching.Text.Analysis;

/// <summary>
/// The per-character effect of the index-time ML.NET pipeline's first two steps (ML.NET's
/// normaliser: lowercase, diacritics off; then the separator step), read out of ML.NET once for
/// every UTF-16 code unit. The normaliser works one character at a time, so this table reproduces
/// it exactly, and the fast query analyser cannot drift from the index-time pipeline even if a
/// later ML.NET release changes its tables.
/// </summary>
public static class CharacterFolding
{
    /// <summary>Marks a character the normaliser deletes (a combining diacritic): the letters either side join.</summary>
    public const char Removed = '\0';

    /// <summary>Marks a character that ends a token: anything that does not fold to a letter or digit.</summary>
    public const char Separator = ' ';

    private static readonly Lazy<char[]> Table = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folded letter or digit, or <see cref="Separator"/>, or <see cref="Removed"/>.</summary>
    public static char Fold(char c) => Table.Value[c];

    /// <summary>Forces the one-off table build (about a tenth of a second) outside any timed path.</summary>
    public static void WarmUp() => _ = Table.Value;

    private static char[] Build()
    {
        var ml = TextPipeline.Ml;
        var rows = new CharRow[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            rows[c] = new CharRow { Text = ((char)c).ToString() };
        }

        var data = ml.Data.LoadFromEnumerable(rows);
        var normalised = TextPipeline.Normalise("Folded", nameof(CharRow.Text)).Fit(data).Transform(data);

        var table = new char[char.MaxValue + 1];
        using var cursor = normalised.GetRowCursor(normalised.Schema.Where(c => c.Name == "Folded"));
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(normalised.Schema["Folded"]);
        var value = default(ReadOnlyMemory<char>);
        var index = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            table[index] = value.Length switch
            {
                0 => Removed,
                1 => TextPipeline.IsTokenChar(value.Span[0]) ? value.Span[0] : Separator,
                _ => throw new InvalidOperationException($"ML.NET normalised U+{index:X4} to {value.Length} characters; the folding table assumes at most one."),
            };
            index++;
        }

        return table;
    }

    private sealed class CharRow
    {
        public string Text { get; set; } = "";
    }
}
