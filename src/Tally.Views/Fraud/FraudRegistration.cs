namespace Tally.Views.Fraud;

/// <summary>When a voter's account was registered (UTC ticks), and the sequence that said so: only votes after it in the log see it.</summary>
internal readonly record struct FraudRegistration(long RegisteredTicks, long Sequence)
{
    public const int Size = 16;

    public void WriteTo(Span<byte> target)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(target, RegisteredTicks);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(target[8..], Sequence);
    }

    public static FraudRegistration Read(ReadOnlySpan<byte> source) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(source),
        System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(source[8..]));
}
