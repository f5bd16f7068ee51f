using System.Globalization;
using Recommend.Contracts.Feedback;

namespace Recommend.Contracts.Councils.Adoptions;

/// <summary>The edge checks for an adoption report: each field's problem in words, for a ValidationProblem.</summary>
public static class AdoptionReportValidator
{
    public const int MaxTextLength = 2_000;
    public const int MaxShortTextLength = 200;
    public const int MaxUrlLength = 500;
    private static readonly string[] StartedFormats = ["yyyy", "yyyy-MM", "yyyy-MM-dd"];

    public static Dictionary<string, string[]> Validate(AdoptionReportRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!FeedbackValidator.IsPracticeId(request.PracticeId))
        {
            errors["practice_id"] = ["Required: a practice id is a lowercase slug of letters, digits and hyphens, e.g. 'housing-first'."];
        }

        if (request.Status is null || !AdoptionStatus.All.Contains(request.Status))
        {
            errors["status"] = [$"Must be one of: {string.Join(", ", AdoptionStatus.All)}."];
        }

        if (StartedError(request.Started, now) is { } started)
        {
            errors["started"] = [started];
        }

        if (request.Outcome is { } outcome)
        {
            OutcomeErrors(outcome, errors);
        }

        if (request.EvaluationUrl is { } url && !IsWebAddress(url))
        {
            errors["evaluation_url"] = [$"Must be an http or https address of at most {MaxUrlLength} characters."];
        }

        TextError(errors, "adaptations", request.Adaptations, MaxTextLength);
        TextError(errors, "notes", request.Notes, MaxTextLength);
        return errors;
    }

    /// <summary>The start date, as sent (trimmed); call after <see cref="Validate"/> passed.</summary>
    public static string? Started(AdoptionReportRequest request) => string.IsNullOrWhiteSpace(request.Started) ? null : request.Started.Trim();

    private static string? StartedError(string? started, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(started))
        {
            return "Required: when the council started (or began considering it), as '2024', '2024-09' or '2024-09-01'.";
        }

        if (!DateTime.TryParseExact(started.Trim(), StartedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 1950)
        {
            return $"Must be a year, year-month or date from 1950 on: '2024', '2024-09' or '2024-09-01' (was '{Shorten(started)}').";
        }

        return date > now.UtcDateTime.Date ? "Must not be in the future." : null;
    }

    private static void OutcomeErrors(ReportedOutcome outcome, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(outcome.Measure) || outcome.Measure.Length > MaxShortTextLength)
        {
            errors["outcome.measure"] = [$"Required with an outcome: what was measured, at most {MaxShortTextLength} characters."];
        }

        if (outcome.Before is not { } before || !double.IsFinite(before))
        {
            errors["outcome.before"] = ["Required with an outcome: the measure before the council started, a number."];
        }

        if (outcome.After is not { } after || !double.IsFinite(after))
        {
            errors["outcome.after"] = ["Required with an outcome: the measure afterwards, a number."];
        }

        if (string.IsNullOrWhiteSpace(outcome.Period) || outcome.Period.Length > MaxShortTextLength)
        {
            errors["outcome.period"] = [$"Required with an outcome: the time between before and after ('2023 to 2024', '12 months'), at most {MaxShortTextLength} characters."];
        }

        if (outcome.Better is not (ReportedOutcome.HigherIsBetter or ReportedOutcome.LowerIsBetter))
        {
            errors["outcome.better"] = ["Required with an outcome: 'higher' or 'lower', whichever direction of the measure is an improvement."];
        }
    }

    private static void TextError(Dictionary<string, string[]> errors, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            errors[field] = [$"Must be at most {max} characters (was {text.Length})."];
        }
    }

    private static bool IsWebAddress(string url) =>
        url.Length <= MaxUrlLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "...";
}
