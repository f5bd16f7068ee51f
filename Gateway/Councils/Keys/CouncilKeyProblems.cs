using Recommend.ServiceDefaults.Councils.Keys;

namespace Recommend.Gateway.Councils.Keys;

/// <summary>
/// The answers for a council key that does not speak for the council it claims: 401 when the key is
/// missing, unknown or revoked, 403 when it is a good key for another council. The key is never
/// echoed or logged.
/// </summary>
public static class CouncilKeyProblems
{
    private const string HowToGetOne = "An operator issues each council its key ('councils keys issue CODE', docs/operations.md).";

    public static IResult Required(string why) => TypedResults.Problem(
        title: "Council key required",
        detail: $"{why} Send your council's key in the {CouncilKeyStore.HeaderName} header. {HowToGetOne}",
        statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>The key is not one this app issued, or it was revoked; null for any other verdict.</summary>
    public static IResult? NotUsable(CouncilKeyCheck check) => check.Verdict switch
    {
        CouncilKeyVerdict.NotAccepted => TypedResults.Problem(
            title: "Council key not accepted",
            detail: $"The {CouncilKeyStore.HeaderName} header does not hold a key this app issued. {HowToGetOne}",
            statusCode: StatusCodes.Status401Unauthorized),
        CouncilKeyVerdict.Revoked => TypedResults.Problem(
            title: "Council key revoked",
            detail: $"This key was revoked; ask the operator for a new one. {HowToGetOne}",
            statusCode: StatusCodes.Status401Unauthorized),
        _ => null,
    };

    public static IResult OtherCouncil(string keyCouncil, string claimed) => TypedResults.Problem(
        title: "This key speaks for another council",
        detail: $"The key is {keyCouncil}'s; it cannot speak for {claimed}.",
        statusCode: StatusCodes.Status403Forbidden);
}
