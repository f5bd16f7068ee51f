using Recommend.Contracts.Councils.Api;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Feedback;

/// <summary>The edge checks for feedback: each field's problem in words, for a ValidationProblem.</summary>
public static class FeedbackValidator
{
    public const int MaxRequestIdLength = 80;

    public static Dictionary<string, string[]> Validate(FeedbackRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            errors["request_id"] = ["Required: the request_id of the recommendation response the practice was shown in."];
        }
        else if (request.RequestId.Length > MaxRequestIdLength || !request.RequestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            errors["request_id"] = [$"Must be the request_id a recommendation response gave (letters, digits, '.' and '-', at most {MaxRequestIdLength} characters)."];
        }

        if (!IsPracticeId(request.PracticeId))
        {
            errors["practice_id"] = ["Required: a practice id is a lowercase slug of letters, digits and hyphens, e.g. 'housing-first'."];
        }

        if (request.Signal is null || !FeedbackSignal.All.Contains(request.Signal))
        {
            errors["signal"] = [$"Must be one of: {string.Join(", ", FeedbackSignal.All)}."];
        }

        if (request.Council is not null && CouncilLookupRules.CodeError(request.Council) is { } councilError)
        {
            errors["council"] = [councilError];
        }

        return errors;
    }

    public static bool IsPracticeId(string? id) =>
        id is { Length: > 0 } && id.Length <= PracticeValidator.MaxIdLength && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
