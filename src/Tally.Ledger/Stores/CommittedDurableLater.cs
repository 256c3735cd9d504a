namespace Tally.Ledger.Stores;

/// <summary>
/// A write that is committed, with the moment it is durable: <see cref="Durable"/> completes once the commit would
/// survive a power cut (already complete where COMMIT waits for the disk). Nobody may be told of <see cref="Result"/> before.
/// </summary>
public sealed record CommittedDurableLater<T>(T Result, Task Durable);
