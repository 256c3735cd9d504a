namespace Tally.Ledger.Stores;

/// <summary>
/// Which polls <see cref="ILiveVoteCounts"/> counts when none are named: every poll not closed (one past its end time
/// too, since nothing is written when the time passes). The same SQL on both ledgers, kept here once.
/// </summary>
internal static class OpenPolls
{
    public const string Sql = "SELECT poll_id FROM polls WHERE closed_at IS NULL";
}
