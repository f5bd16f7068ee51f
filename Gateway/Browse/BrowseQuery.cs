using System.Globalization;
using Recommend.Contracts.Practices;

namespace Recommend.Gateway.Browse;

/// <summary>
/// The browse filters, parsed from the query string by hand so a bad value answers a
/// ValidationProblem naming the parameter (binding an int? would answer a bare 400).
/// </summary>
public sealed record BrowseQuery(
    IReadOnlyList<string> Words,
    string? Area,
    int? MinEvidence,
    int? MaxCost,
    string? Country,
    int Offset,
    int Limit,
    IReadOnlySet<string>? Ids = null)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxOffset = 100_000;
    public const int MaxQueryLength = 200;
    public const int MaxCountryLength = 60;

    /// <summary>Most practice ids one 'ids' filter names: enough for a cell of the evidence-gap map, short enough for an address.</summary>
    public const int MaxIds = 100;

    public static (BrowseQuery? Query, Dictionary<string, string[]> Errors) Parse(
        string? query, string? area, string? minEvidence, string? maxCost, string? country, string? offset, string? limit, string? ids = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query is { Length: > MaxQueryLength })
        {
            errors["query"] = [$"The search text is at most {MaxQueryLength} characters."];
        }

        string? normalisedArea = null;
        if (!string.IsNullOrWhiteSpace(area))
        {
            normalisedArea = ServiceArea.Normalise(area);
            if (!ServiceArea.IsKnown(normalisedArea))
            {
                errors["area"] = [$"Unknown service area '{Truncate(area)}'; one of: {string.Join(", ", ServiceArea.All)}."];
            }
        }

        var min = Number(minEvidence, "min_evidence", 1, 5, "an evidence level from 1 to 5", errors);
        var max = Number(maxCost, "max_cost", 1, 5, "a cost band from 1 (very low) to 5 (very high)", errors);
        var from = Number(offset, "offset", 0, MaxOffset, $"a whole number from 0 to {MaxOffset}", errors) ?? 0;
        var take = Number(limit, "limit", 1, MaxLimit, $"a whole number from 1 to {MaxLimit}", errors) ?? DefaultLimit;
        if (country is { Length: > MaxCountryLength })
        {
            errors["country"] = [$"A country name is at most {MaxCountryLength} characters."];
        }

        var chosen = ParseIds(ids, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var words = string.IsNullOrWhiteSpace(query) ? [] : SearchWords.Split(query).Distinct().ToList();
        return (new BrowseQuery(words, normalisedArea, min, max, string.IsNullOrWhiteSpace(country) ? null : country.Trim(), from, take, chosen), errors);
    }

    /// <summary>"a,b,c": the practices a link names (the evidence-gap map's cells); each a practice id's shape.</summary>
    private static HashSet<string>? ParseIds(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var malformed = ids.FirstOrDefault(id => id.Length > PracticeValidator.MaxIdLength || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'));
        if (ids.Count > MaxIds)
        {
            errors["ids"] = [$"At most {MaxIds} practice ids, separated by commas."];
        }
        else if (malformed is not null)
        {
            errors["ids"] = [$"'{Truncate(malformed)}' is not a practice id (lower-case letters, digits and hyphens)."];
        }

        return ids;
    }

    private static int? Number(string? text, string name, int min, int max, string expected, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{Truncate(text)}' is not {expected}."];
        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
