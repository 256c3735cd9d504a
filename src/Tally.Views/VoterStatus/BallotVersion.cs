namespace Tally.Views.VoterStatus;

/// <summary>
/// A voter's ballot in a poll as written by one batch (null: none), and the version readers saw before it. Never changed
/// once made, so a reader may walk it while the daemon writes the next one.
/// </summary>
internal sealed class BallotVersion(long batch, VoterBallot? ballot, BallotVersion? older)
{
    /// <summary>No ballot, since before the first batch.</summary>
    public static readonly BallotVersion None = new(0, null, null);

    public long Batch => batch;

    public VoterBallot? Ballot => ballot;

    /// <summary>
    /// The ballot as of batch <paramref name="published"/>; where no version kept is that old, the oldest kept, which is
    /// a later published batch's.
    /// </summary>
    public VoterBallot? AsOf(long published)
    {
        var version = this;
        while (version.Batch > published && version.Older is { } next)
        {
            version = next;
        }
        return version.Ballot;
    }

    /// <summary>
    /// The version that follows this one when <paramref name="nextBatch"/> writes <paramref name="next"/>: it keeps the
    /// version readers see until that batch is published, and drops any older.
    /// </summary>
    public BallotVersion Then(long nextBatch, VoterBallot? next) =>
        new(nextBatch, next, batch == nextBatch ? older : older is null ? this : new BallotVersion(batch, ballot, null));

    private BallotVersion? Older => older;
}
