namespace Tally.Views.VoterStatus;

/// <summary>
/// A voter's ballot in a poll as written by one batch (option 0: none), and the versions still read: the one readers see
/// and the one a snapshot being written reads. Never changed once made, so a reader may walk it while the daemon writes
/// the next one. The ballot's fields are held here rather than in a <see cref="VoterBallot"/>, one object per vote.
/// </summary>
internal sealed class MemoryBallotVersion(long batch, Guid voteId, long votedAtUtcTicks, int optionId, MemoryBallotVersion? older)
{
    /// <summary>No ballot, since before the first batch.</summary>
    public static readonly MemoryBallotVersion None = new(0, Guid.Empty, 0, 0, null);

    public long Batch => batch;

    public bool HasBallot => optionId != 0;

    public int OptionId => optionId;

    public Guid VoteId => voteId;

    public long VotedAtUtcTicks => votedAtUtcTicks;

    public VoterBallot? Ballot => HasBallot ? new VoterBallot(voteId, optionId, new DateTimeOffset(votedAtUtcTicks, TimeSpan.Zero)) : null;

    /// <summary>
    /// The version as of batch <paramref name="published"/>; where no version kept is that old, the oldest kept, which is
    /// a later published batch's.
    /// </summary>
    public MemoryBallotVersion AsOf(long published)
    {
        var version = this;
        while (version.Batch > published && version.Older is { } next)
        {
            version = next;
        }
        return version;
    }

    /// <summary>
    /// The version that follows this one when <paramref name="nextBatch"/> writes a ballot (option 0: none): it keeps the
    /// version readers see as of <paramref name="published"/> and the one as of <paramref name="pinned"/> (negative: no
    /// snapshot is being written), and drops any other.
    /// </summary>
    public MemoryBallotVersion Then(long nextBatch, Guid nextVoteId, long nextVotedAtUtcTicks, int nextOptionId, long published, long pinned)
    {
        var seen = AsOf(published);
        var kept = pinned < 0 || seen.Batch <= pinned ? seen.Keeping(null) : seen.Keeping(AsOf(pinned).Keeping(null));
        return new MemoryBallotVersion(nextBatch, nextVoteId, nextVotedAtUtcTicks, nextOptionId, kept);
    }

    private MemoryBallotVersion? Older => older;

    private MemoryBallotVersion Keeping(MemoryBallotVersion? next) =>
        ReferenceEquals(older, next) ? this : new MemoryBallotVersion(batch, voteId, votedAtUtcTicks, optionId, next);
}
