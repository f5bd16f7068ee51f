using System.Text;

namespace Recommend.Ingest.Import.Practices;

/// <summary>Lowercase kebab-case identifiers ("Café Zürich 2.0" -> "cafe-zurich-2-0"), as practice ids require.</summary>
public static class Slug
{
    // InvariantGlobalization makes string.Normalize a no-op, so accented Latin letters are folded by hand.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿāăąćčďđēėęěğīįłńňōőœřśşšťūůűųźżž";
    private const string Folded = "aaaaaaceeeeiiiinoooooouuuuyyaaaccddeeeegiilnnooorssstuuuuzzz";

    public static string From(string text, int maxLength = int.MaxValue)
    {
        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var raw in text.ToLowerInvariant())
        {
            var c = raw;
            var accent = Accented.IndexOf(c, StringComparison.Ordinal);
            if (accent >= 0)
            {
                c = Folded[accent];
            }

            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(c);
                pendingDash = false;
            }
            else if (c != '\'' && c != '\u2019')
            {
                pendingDash = true;
            }
        }

        var slug = builder.ToString();
        if (slug.Length <= maxLength)
        {
            return slug;
        }

        // Cut at a word boundary when there is one, so a long title keeps whole words.
        var cut = slug.LastIndexOf('-', maxLength);
        return (cut > 0 ? slug[..cut] : slug[..maxLength]).TrimEnd('-');
    }
}
