using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Tally.Server.Admin;

/// <summary>
/// The bytes of an export on their way out: lines gather in a small buffer that is hashed and written to the response
/// every <see cref="LinesPerFlush"/> lines, so memory stays the same whatever the number of votes.
/// </summary>
public sealed class ExportStream(PipeWriter output) : IDisposable
{
    private const int LinesPerFlush = 256;
    private const int BytesPerFlush = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _pending = new(BytesPerFlush * 2);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _lines;

    /// <summary>Where the next line's bytes go, before <see cref="EndLineAsync"/>.</summary>
    public IBufferWriter<byte> Line => _pending;

    public ValueTask EndLineAsync(CancellationToken ct)
    {
        _pending.Write("\n"u8);
        return ++_lines % LinesPerFlush == 0 || _pending.WrittenCount >= BytesPerFlush ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        _hash.AppendData(_pending.WrittenSpan);
        await output.WriteAsync(_pending.WrittenMemory, ct).ConfigureAwait(false);
        _pending.ResetWrittenCount();
    }

    /// <summary>Writes out what is pending and returns the SHA-256 (lower-case hex) of every byte written so far.</summary>
    public async ValueTask<string> ChecksumAsync(CancellationToken ct)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();
}
