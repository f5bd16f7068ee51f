using System.Text;

namespace Recommend.EndToEnd.Tests.Faults;

/// <summary>
/// Reproducible hostile values for the fuzzer, all drawn from one seeded <see cref="Random"/>:
/// strings (unicode edge cases, injection, traversal, huge), JSON values of the wrong type, broken
/// and deeply nested JSON documents.
/// </summary>
public sealed class HostileInput(Random random)
{
    private static readonly string[] Strings =
    [
        "", " ", "\t\r\n", "null", "undefined", "NaN", "-0", "1e309", "0x10", "true",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//", "/", "//", "~", "%00", "a%00b",
        "'; DROP TABLE practices; --", "\" OR \"1\"=\"1", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x/a}", "$(reboot)", "`id`",
        "*\r\n$8\r\nFLUSHALL\r\n", "rec:practice:*", "rec:index:current", "KEYS *",
        "\u0000", "\uFEFFbom", "\u202Eevil\u202C", "zero\u200Bwidth", "e\u0301\u0301\u0301\u0301", "\U0001F600\U0001F4A9", "\uFFFF\uFFFE",
        "\uD800", "\uDFFF", "a\uD800b", "\uDC00\uD800", "İıſK", "ǅ", "\u00A0nbsp", "\u2028line\u2029para",
        "CON", "con", "E06000052", "e06000052", "GMCA", "housing-first", "HOUSING-FIRST", "a-", "-", "--",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "50", "51", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1e-400",
        "0.5", "1.0", "3.999999999999999999999", "00", "-0", "1E2", "123456789012345678901234567890",
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public bool Chance(double p) => random.NextDouble() < p;

    /// <summary>A hostile text: from the list, huge, random code units (lone surrogates included), or a mix.</summary>
    public string Text() => random.Next(6) switch
    {
        0 => new string(Pick(['a', 'é', '\u0000', '\uD800', '语']), Pick([1_000, 5_000, 70_000])),
        1 => RandomCodeUnits(random.Next(1, 40)),
        2 => Pick(Strings) + Pick(Strings),
        _ => Pick(Strings),
    };

    public string Number() => Pick(Numbers);

    /// <summary>A JSON value of any type, often not the one a field expects.</summary>
    public string JsonValue(int depth = 0) => random.Next(depth > 2 ? 4 : 7) switch
    {
        0 => JsonString(Text()),
        1 => Number(),
        2 => Pick(["true", "false", "null"]),
        3 => JsonString(Pick(Strings)),
        4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => JsonValue(depth + 1))) + "]",
        5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(3)).Select(_ => $"{JsonString(Pick(Strings))}:{JsonValue(depth + 1)}")) + "}",
        _ => Nested(Pick([10, 70, 1_000, 10_000])),
    };

    /// <summary>Arrays or objects nested far beyond any reader's depth limit (64 by default).</summary>
    public string Nested(int depth) => Chance(0.5)
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>Raw bytes that are not what they claim: broken JSON, wrong top-level types, invalid UTF-8.</summary>
    public byte[] BrokenDocument() => random.Next(8) switch
    {
        0 => [],
        1 => Encoding.UTF8.GetBytes(Pick(["{", "}", "{\"challenge\":", "{\"challenge\": \"x\"", "{challenge: 'x'}", "{\"challenge\": \"x\",}", "[1,2", "\"unterminated", "{\"a\":1}{\"b\":2}", "/* c */ {}"])),
        2 => Encoding.UTF8.GetBytes(Pick(["null", "[]", "\"string\"", "42", "true", "[{\"challenge\":\"x\"}]"])),
        3 => [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00],
        4 => [0x7B, 0x22, 0x63, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D],
        5 => Encoding.UTF8.GetBytes(Nested(Pick([65, 500, 5_000]))),
        6 => RandomBytes(random.Next(1, 200)),
        _ => Encoding.UTF8.GetBytes("{\"challenge\":\"" + new string('x', 70_000) + "\"}"),
    };

    /// <summary>
    /// A path segment or query value, percent-encoded as UTF-8 (a lone surrogate as the bytes a
    /// careless encoder would write), so what reaches the server is exactly the hostile text. Kept
    /// inside what Kestrel accepts before any of our code runs: at most 2,000 encoded characters (its
    /// request line limit is 8 kB) and, in a path, no NUL (Kestrel refuses a decoded NUL in a path
    /// with its own empty 400).
    /// </summary>
    public string PathSegment(bool inPath = true)
    {
        var text = Text();
        if (inPath)
        {
            text = text.Replace("\0", "", StringComparison.Ordinal);
        }

        var encoded = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' || (c == '.' && Chance(0.5)))
            {
                encoded.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                AppendBytes(encoded, Encoding.UTF8.GetBytes(text.Substring(i, 2)));
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                AppendBytes(encoded, [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                AppendBytes(encoded, Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        var result = encoded.ToString();
        if (result.Length <= 2_000)
        {
            return result;
        }

        // Cut before an escape, never inside one ("%E" alone would be a malformed URL, not hostile text).
        var cut = result.LastIndexOf('%', 2_000);
        return result[..(cut > 0 ? cut : 2_000)];
    }

    private static void AppendBytes(StringBuilder builder, byte[] bytes)
    {
        foreach (var b in bytes)
        {
            builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A JSON string literal, escaping by hand so lone surrogates travel as \uD800 escapes.</summary>
    public static string JsonString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c) || c > 0x7E)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }

    private string RandomCodeUnits(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0, 0x10000);
        }

        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
