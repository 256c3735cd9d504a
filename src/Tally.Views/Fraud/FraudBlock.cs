namespace Tally.Views.Fraud;

/// <summary>
/// Votes of one poll written in one chunk, as one hash field of records. The field is written again after every vote
/// with a longer view of the buffer (the chunk keeps the last write), so a chunk sends each record once.
/// </summary>
/// <remarks>
/// The buffer grows as votes come: a chunk usually brings a poll a vote or two, and a full-size buffer per poll per
/// chunk (36 KB) was half of all the bytes a vote allocated with many polls. A grown buffer is a copy; views of the old
/// one stay valid, since only the newest buffer is ever written to.
/// </remarks>
internal sealed class FraudBlock(long id)
{
    public const int Votes = Redis.RedisProjection.ChunkSize;

    private const int FirstVotes = 4;

    private byte[] _records = new byte[FirstVotes * FraudVote.Size];
    private int _count;

    public long Id => id;

    public long MaxTicks { get; private set; } = long.MinValue;

    public bool IsFull => _count == Votes;

    public ReadOnlyMemory<byte> Records => _records.AsMemory(0, _count * FraudVote.Size);

    public void Add(FraudVote vote)
    {
        if ((_count + 1) * FraudVote.Size > _records.Length)
        {
            var grown = new byte[Math.Min(Votes, 2 * _records.Length / FraudVote.Size) * FraudVote.Size];
            _records.AsSpan(0, _count * FraudVote.Size).CopyTo(grown);
            _records = grown;
        }
        vote.WriteTo(_records.AsSpan(_count * FraudVote.Size, FraudVote.Size));
        _count++;
        MaxTicks = Math.Max(MaxTicks, vote.CastTicks);
    }
}
