namespace Tally.Views.Progress;

/// <summary>
/// Whose views these are: a generation (new at every full rebuild), the identity of the ledger they were built from,
/// and the sequence and fingerprint of an event they hold. A ledger whose event at <see cref="Checkpoint"/> has another
/// fingerprint is not the ledger these views were built from (e.g. restored from an older copy).
/// </summary>
public sealed record ViewsStamp(Guid Generation, Guid LedgerId, long Checkpoint, string CheckpointHash);
