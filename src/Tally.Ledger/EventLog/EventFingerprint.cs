using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tally.Domain.Events;

namespace Tally.Ledger.EventLog;

/// <summary>
/// A stored event's SHA-256, lower-case hex, over a canonical form: sequence and recorded-at (UTC ticks) as little-endian
/// 64-bit integers, then the type name and the payload as <see cref="EventCodec"/> writes them, each as UTF-8 after its
/// byte length (32-bit little-endian). Built from the decoded event, never from stored bytes, so it is the same whichever
/// ledger kept the event (PostgreSQL's jsonb reorders keys) and in every process: views keep it with their checkpoint to
/// tell the ledger they were built from apart from one restored from an older copy. Changing the form invalidates
/// every kept checkpoint hash.
/// </summary>
public static class EventFingerprint
{
    public static string Of(StoredEvent e)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> place = stackalloc byte[2 * sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(place, e.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(place[sizeof(long)..], e.RecordedAt.UtcTicks);
        hash.AppendData(place);
        AppendText(hash, EventCodec.TypeOf(e.Event));
        AppendText(hash, EventCodec.Encode(e.Event));
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(sizeof(int) + Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(sizeof(int)));
            BinaryPrimitives.WriteInt32LittleEndian(buffer, length);
            hash.AppendData(buffer, 0, sizeof(int) + length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
