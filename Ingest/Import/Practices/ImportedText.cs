using System.Text;

namespace Recommend.Ingest.Import.Practices;

/// <summary>Tidies text from other catalogues the same way for every format, without rewording it.</summary>
public static class ImportedText
{
    public const int SummaryTarget = 300;
    public const int SummaryMax = 400;
    public const int SummaryMin = 40;

    /// <summary>One line: every run of whitespace (line breaks and no-break spaces too) becomes one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Keeps the source's line breaks but drops blank lines and the spacing around and inside lines.</summary>
    public static string Paragraphs(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r')
            .Select(OneLine)
            .Where(line => line.Length > 0));

    /// <summary>
    /// The description's opening sentences, up to about <see cref="SummaryTarget"/> characters: the
    /// catalogue's own words, cut at a sentence end where possible and at a word with an ellipsis otherwise.
    /// </summary>
    public static string Summarise(string description)
    {
        var text = OneLine(description);
        if (text.Length <= SummaryTarget)
        {
            return text;
        }

        var summary = new StringBuilder();
        foreach (var sentence in Sentences(text))
        {
            if (summary.Length >= SummaryMin && summary.Length + 1 + sentence.Length > SummaryTarget)
            {
                break;
            }

            if (summary.Length > 0)
            {
                summary.Append(' ');
            }

            summary.Append(sentence);
        }

        var result = summary.ToString();
        if (result.Length <= SummaryMax)
        {
            return result;
        }

        var cut = result.LastIndexOf(' ', SummaryTarget);
        return (cut > SummaryMin ? result[..cut] : result[..SummaryTarget]).TrimEnd(',', ';', ':', ' ') + "\u2026";
    }

    /// <summary>A web address with its scheme; a bare host ("www.kela.fi/x") gains https://. Null when it is not an address.</summary>
    public static string? WebAddress(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        if (text.Contains(' ', StringComparison.Ordinal) || text.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var host = text.Split('/')[0];
        var labels = host.Split('.');
        var looksLikeHost = labels.Length >= 2
            && labels.All(l => l.Length > 0 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            && labels[^1].All(char.IsAsciiLetter) && labels[^1].Length >= 2;
        return looksLikeHost ? "https://" + text : null;
    }

    /// <summary>Splits after ". ", "! " or "? " when the next word starts with a capital, digit or quote.</summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == ' ' && text[i - 1] is ('.' or '!' or '?') && (char.IsUpper(text[i + 1]) || char.IsDigit(text[i + 1]) || text[i + 1] is '"' or '\u201c' or '('))
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
