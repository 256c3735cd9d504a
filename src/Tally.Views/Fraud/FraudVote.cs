using System.Buffers.Binary;
using System.Net;

namespace Tally.Views.Fraud;

/// <summary>
/// One vote as fraud review keeps it: fixed-size, so a poll's million votes are one array in memory and one run of
/// <see cref="Size"/>-byte records in Redis. The address is held as IPv6 (IPv4 mapped); texts are held by key (<see cref="FraudKeys"/>).
/// </summary>
internal readonly record struct FraudVote(
    Guid VoteId,
    long Sequence,
    long CastTicks,
    bool HasAddress,
    UInt128 Address,
    ulong Network,
    ulong Agent,
    ulong Voter)
{
    public const int Size = 16 + 8 + 8 + 1 + 16 + 8 + 8 + 8;

    /// <returns>The address as 16 bytes, or null when <paramref name="address"/> is not an IP address.</returns>
    public static UInt128? AddressOf(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip))
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[16];
        ip.MapToIPv6().TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The canonical text of a held address (IPv4 for a mapped one).</summary>
    public static string AddressText(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        var ip = new IPAddress(bytes);
        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    public void WriteTo(Span<byte> target)
    {
        VoteId.TryWriteBytes(target);
        BinaryPrimitives.WriteInt64LittleEndian(target[16..], Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(target[24..], CastTicks);
        target[32] = HasAddress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt128LittleEndian(target[33..], Address);
        BinaryPrimitives.WriteUInt64LittleEndian(target[49..], Network);
        BinaryPrimitives.WriteUInt64LittleEndian(target[57..], Agent);
        BinaryPrimitives.WriteUInt64LittleEndian(target[65..], Voter);
    }

    public static FraudVote Read(ReadOnlySpan<byte> source) => new(
        new Guid(source[..16]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        source[32] != 0,
        BinaryPrimitives.ReadUInt128LittleEndian(source[33..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[49..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[57..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[65..]));

    /// <summary>Reads every whole record in <paramref name="records"/> into the start of <paramref name="votes"/>.</summary>
    /// <returns>How many were read.</returns>
    public static int ReadAll(ReadOnlySpan<byte> records, Span<FraudVote> votes)
    {
        var count = 0;
        for (var at = 0; at + Size <= records.Length; at += Size)
        {
            votes[count++] = Read(records.Slice(at, Size));
        }
        return count;
    }
}
