using System.Security.Cryptography;

namespace Tally.Views.Memory;

/// <summary>
/// Reads a snapshot's body of known length from a file, in large chunks that it hashes as they come; its length and
/// position are the body's, so a reader can tell how much is left.
/// </summary>
internal sealed class SnapshotBodyReader(Stream file, long length) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _chunk = new byte[1 << 20];
    private int _chunkStart;
    private int _chunkEnd;
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of the whole body; throws if it was not all read.</summary>
    public byte[] Hash() =>
        _read == length ? _hash.GetHashAndReset() : throw new InvalidDataException($"The body has {length - _read} bytes no view read.");

    public override int Read(Span<byte> buffer)
    {
        if (_chunkStart == _chunkEnd && !Fill())
        {
            return 0;
        }
        var count = Math.Min(buffer.Length, _chunkEnd - _chunkStart);
        _chunk.AsSpan(_chunkStart, count).CopyTo(buffer);
        _chunkStart += count;
        _read += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int ReadByte()
    {
        if (_chunkStart == _chunkEnd && !Fill())
        {
            return -1;
        }
        _read++;
        return _chunk[_chunkStart++];
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private bool Fill()
    {
        var wanted = (int)Math.Min(_chunk.Length, length - _read);
        var got = wanted <= 0 ? 0 : file.ReadAtLeast(_chunk.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
        _hash.AppendData(_chunk.AsSpan(0, got));
        _chunkStart = 0;
        _chunkEnd = got;
        return got > 0;
    }
}
