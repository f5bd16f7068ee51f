using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Recommend.Gateway.Security;

/// <summary>
/// An answer given before the request body was read (a 429) must reach a client that is still
/// sending. Closing a socket with unread bytes in it makes the kernel reset the connection, and the
/// reset can reach the client while it is still writing: it sees "broken pipe", never the answer
/// (1 run in 15 under CPU load). So the answer goes out first, in full, and then the gateway reads and
/// discards what the client is still sending, as web servers' "lingering close" does: the connection
/// then ends with nothing unread and the client reads its answer. Bounded in bytes (the gateway's body
/// limit) and in time, so a refused client costs little more than a permitted one.
/// </summary>
public static class LingeringClose
{
    private static readonly TimeSpan MaxLinger = TimeSpan.FromSeconds(2);
    private const int BufferBytes = 16 * 1024;

    /// <summary>Sends the response written so far, then drains the unread request body.</summary>
    public static async Task CompleteThenDrainBodyAsync(HttpContext context)
    {
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true;
        var maxBytes = context.RequestServices.GetRequiredService<IOptions<RequestBodyLimitOptions>>().Value.MaxBytes;

        // The endpoint's own limit (64 KiB for recommendations) would cut the drain short and leave
        // bytes unread; nothing drained here is ever parsed, so the gateway's limit bounds it instead.
        if (canHaveBody && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        await context.Response.CompleteAsync();
        if (!canHaveBody)
        {
            return;
        }

        using var linger = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        linger.CancelAfter(MaxLinger);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long drained = 0;
            int read;
            while (drained < maxBytes && (read = await context.Request.Body.ReadAsync(buffer, linger.Token)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // Too slow, too large or gone: the answer is already sent; Kestrel closes the connection.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
