using System.Text;

namespace Recommend.Contracts.Councils;

/// <summary>
/// The loaded councils, found by code, by GSS code or by a few typed letters of a name (a picker in
/// the UI). Lookups ignore case; a search ranks the matches the way a person expects to see them.
/// </summary>
public sealed class CouncilDirectory
{
    private readonly Dictionary<string, CouncilProfile> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CouncilProfile> _byGssCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly IndexedName[] _names;

    public IReadOnlyList<CouncilProfile> All { get; }

    public CouncilDirectory(IEnumerable<CouncilProfile> councils)
    {
        var all = new List<CouncilProfile>();
        foreach (var council in councils)
        {
            if (!_byCode.TryAdd(council.Code, council))
            {
                throw new ArgumentException($"Council code '{council.Code}' appears twice.", nameof(councils));
            }

            _byGssCode.TryAdd(council.GssCode, council);
            all.Add(council);
        }

        All = [.. all.OrderBy(c => c.Name, StringComparer.Ordinal)];
        _names = [.. All.Select(c => new IndexedName(c, Normalise(c.Name), Normalise(c.OfficialName ?? "")))];
    }

    public CouncilProfile? FindByCode(string code) => _byCode.GetValueOrDefault(code.Trim());

    public CouncilProfile? FindByGssCode(string gssCode) => _byGssCode.GetValueOrDefault(gssCode.Trim());

    /// <summary>A mySociety code or a GSS code, whichever the caller has.</summary>
    public CouncilProfile? Find(string code) => FindByCode(code) ?? FindByGssCode(code);

    /// <summary>
    /// Councils whose code or name matches <paramref name="query"/>, best first: an exact code, then an
    /// exact name, a name that starts with the query, a name with words starting with every query word
    /// ("upon hull"), a name containing it anywhere, and last an official name containing it ("comhairle").
    /// Ties go to the shorter name, so "York" comes before "York and North Yorkshire".
    /// </summary>
    public IReadOnlyList<CouncilProfile> Search(string query, int limit = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var needle = Normalise(query);
        if (needle.Length == 0)
        {
            return [];
        }

        var words = needle.Split(' ');
        return _names
            .Select(n => (n.Council, Rank: Rank(n, needle, words, query.Trim())))
            .Where(m => m.Rank < NoMatch)
            .OrderBy(m => m.Rank)
            .ThenBy(m => m.Council.Name.Length)
            .ThenBy(m => m.Council.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(m => m.Council)
            .ToList();
    }

    private const int NoMatch = int.MaxValue;

    private static int Rank(IndexedName name, string needle, string[] words, string rawQuery)
    {
        if (string.Equals(name.Council.Code, rawQuery, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name.Council.GssCode, rawQuery, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (name.Name == needle)
        {
            return 1;
        }

        if (name.Name.StartsWith(needle, StringComparison.Ordinal))
        {
            return 2;
        }

        if (words.All(w => name.Words.Any(nw => nw.StartsWith(w, StringComparison.Ordinal))))
        {
            return 3;
        }

        if (name.Name.Contains(needle, StringComparison.Ordinal))
        {
            return 4;
        }

        return name.OfficialName.Contains(needle, StringComparison.Ordinal) ? 5 : NoMatch;
    }

    /// <summary>Lower case, "&amp;" as "and", punctuation as spaces: "St. Helens" and "st helens" meet.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("&", " and ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c != '\'' && c != '\u2019' && c != '.')
            {
                builder.Append(' ');
            }
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private sealed record IndexedName(CouncilProfile Council, string Name, string OfficialName)
    {
        public string[] Words { get; } = Name.Split(' ');
    }
}
