namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// The longest a request waits on Redis, whatever the client library does. StackExchange.Redis fails a
/// command after its AsyncTimeout (1 s in the gateway and the recommender), but a command caught by a connection failure at the wrong
/// moment can stay pending for good (StackExchange.Redis#2742, open), and a request awaiting it hangs
/// until its client gives up: seen once in the fault test that kills Redis under load, where a practice
/// read waited out the test client's 30 s. So every read or write on a request's path awaits within this
/// bound, and running out (a <see cref="TimeoutException"/>) is handled as Redis being unavailable:
/// the usual fallback, or a 503.
/// </summary>
public static class RedisRequestBudget
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    public static Task Within(this Task redisCall) => redisCall.WaitAsync(Limit);

    public static Task<T> Within<T>(this Task<T> redisCall) => redisCall.WaitAsync(Limit);
}
