namespace Recommend.Gateway.Submissions;

/// <summary>The answer when Redis (which holds the streams) does not respond: nothing was stored, so the client may retry.</summary>
public static class StoreUnavailable
{
    public static IResult Problem() => TypedResults.Problem(
        title: "Store unavailable",
        detail: "The queue did not answer, so nothing was stored; try again shortly.",
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
