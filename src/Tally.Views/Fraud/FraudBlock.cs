namespace Tally.Views.Fraud;

/// <summary>
/// Votes of one poll written in one chunk, as one hash field of records. The field is written again after every vote
/// with a longer view of the same buffer (the chunk keeps the last write), so a chunk sends each record once.
/// </summary>
internal sealed class FraudBlock(long id)
{
    public const int Votes = Redis.RedisProjection.ChunkSize;

    private readonly byte[] _records = new byte[Votes * FraudVote.Size];
    private int _count;

    public long Id => id;

    public long MaxTicks { get; private set; } = long.MinValue;

    public bool IsFull => _count == Votes;

    public ReadOnlyMemory<byte> Records => _records.AsMemory(0, _count * FraudVote.Size);

    public void Add(FraudVote vote)
    {
        vote.WriteTo(_records.AsSpan(_count * FraudVote.Size, FraudVote.Size));
        _count++;
        MaxTicks = Math.Max(MaxTicks, vote.CastTicks);
    }
}
