namespace Tally.Ledger.Postgres;

/// <summary>How a poll read inside a write locks its row.</summary>
internal enum PollLock
{
    /// <summary>A plain read.</summary>
    None,

    /// <summary>Votes and retractions: many may hold it at once, but a close waits for them and they wait for a close.</summary>
    Share,

    /// <summary>A close: nothing judges the poll's state until this transaction has finished.</summary>
    Update,
}
