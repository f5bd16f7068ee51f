using System.Runtime.ExceptionServices;

namespace Recommend.Gateway.Caching;

/// <summary>
/// A request body the fast path already read, handed to the normal pipeline as if unread: the same
/// bytes, then either the end or the error reading the rest raised (a client that stopped sending),
/// so the endpoint answers exactly what it would have answered had it read the body itself.
/// </summary>
public sealed class ReplayedBodyStream(byte[] bytes, int length, ExceptionDispatchInfo? failure) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - _position;
        if (left == 0)
        {
            failure?.Throw();
            return 0;
        }

        var read = Math.Min(left, buffer.Length);
        bytes.AsSpan(_position, read).CopyTo(buffer);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
