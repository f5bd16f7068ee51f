using Recommend.Core.Practices;

namespace Recommend.Core.Recommendations;

/// <summary>
/// The edge check for recommendation requests, shared by the gateway (public) and the recommender
/// (internal) so both refuse the same things with the same words. Keys are snake_case field names.
/// </summary>
public static class RecommendationRequestValidator
{
    public const int MaxChallengeLength = 4000;
    public const int MinChallengeLength = 3;
    public const int MaxLimit = 50;
    public const int DefaultLimit = 10;
    public const int MaxPriorities = ServiceAreaCount;
    private const int ServiceAreaCount = 14;

    public static Dictionary<string, string[]> Validate(RecommendationRequest? request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request is null)
        {
            errors["body"] = ["A JSON object with at least 'challenge' is required."];
            return errors;
        }

        var challenge = request.Challenge?.Trim();
        if (string.IsNullOrEmpty(challenge))
        {
            errors["challenge"] = ["Describe the challenge in a few words, e.g. 'reduce loneliness among older residents'."];
        }
        else if (challenge.Length < MinChallengeLength || challenge.Length > MaxChallengeLength)
        {
            errors["challenge"] = [$"Must be {MinChallengeLength}-{MaxChallengeLength} characters (was {challenge.Length})."];
        }

        if (request.Limit is { } limit && (limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"Must be between 1 and {MaxLimit} (was {limit})."];
        }

        if (request.Priorities is { } priorities)
        {
            if (priorities.Count > MaxPriorities)
            {
                errors["priorities"] = [$"At most {MaxPriorities} service areas."];
            }
            else
            {
                var unknown = priorities.Where(p => p is null || !ServiceArea.IsKnown(ServiceArea.Normalise(p))).ToList();
                if (unknown.Count > 0)
                {
                    errors["priorities"] = [$"Unknown service area(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Allowed: {string.Join(", ", ServiceArea.All)}."];
                }
            }
        }

        if (request.Council is { } council && (council.Length is 0 or > 100))
        {
            errors["council"] = ["Give a council code (e.g. 'CON') or name of at most 100 characters."];
        }

        return errors;
    }
}
