namespace Recommend.Contracts.Councils.Api;

/// <summary>
/// The edge checks for the council endpoints, shared by the gateway (public) and the recommender
/// (internal) so both refuse the same input with the same words. Each check returns the message for
/// its field, or null when the value is fine; <see cref="Errors"/> gathers them for a ValidationProblem.
/// </summary>
public static class CouncilLookupRules
{
    public const int MaxQueryLength = 100;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    /// <summary>
    /// A mySociety code (three letters; four for some combined authorities, e.g. GMCA, which search
    /// returns, so refusing them would make a listed council unreachable) or a GSS code (E06000052).
    /// Either case: lookups ignore it.
    /// </summary>
    public static bool IsCouncilCode(string? code) =>
        (code is { Length: 3 or 4 } && code.All(char.IsAsciiLetter))
        || (code is { Length: 9 } && char.IsAsciiLetter(code[0]) && code[1..].All(char.IsAsciiDigit));

    public static string? CodeError(string? code) => IsCouncilCode(code)
        ? null
        : "A council code is three letters (e.g. 'CON'; four for some combined authorities, e.g. 'GMCA') or a GSS code (e.g. 'E06000052'). Find codes with GET /api/v1/councils?query=<name>.";

    public static string? QueryError(string? query)
    {
        var trimmed = query?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "Give a few letters of a council's name or its code, e.g. 'query=cornwall'.";
        }

        return trimmed.Length > MaxQueryLength
            ? $"Must be at most {MaxQueryLength} characters (was {trimmed.Length})."
            : null;
    }

    /// <summary>
    /// Absent or blank is fine (the default applies: a form submits an empty field as "limit=");
    /// otherwise a whole number from 1 to <see cref="MaxLimit"/>.
    /// </summary>
    public static string? LimitError(string? limit) => string.IsNullOrWhiteSpace(limit) || TryParseLimit(limit, out _)
        ? null
        : $"Must be a whole number from 1 to {MaxLimit} (was '{Shorten(limit)}').";

    /// <summary>The limit asked for, or <see cref="DefaultLimit"/>; call after <see cref="LimitError"/> returned null.</summary>
    public static int LimitOrDefault(string? limit) => TryParseLimit(limit, out var value) ? value : DefaultLimit;

    /// <summary>The failed checks as field -> messages, ready for a ValidationProblem; empty when every check passed.</summary>
    public static Dictionary<string, string[]> Errors(params (string Field, string? Error)[] checks) =>
        checks.Where(c => c.Error is not null).ToDictionary(c => c.Field, c => new[] { c.Error! }, StringComparer.Ordinal);

    private static bool TryParseLimit(string? text, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)
        && value is >= 1 and <= MaxLimit;

    /// <summary>Echo enough of a bad value to recognise it, never a whole megabyte of it.</summary>
    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
