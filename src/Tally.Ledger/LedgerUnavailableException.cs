namespace Tally.Ledger;

/// <summary>
/// The ledger could not take a write, and nothing of it was committed: the caller may retry (with its idempotency key).
/// Thrown only where that is certain; a write whose commit went unanswered is a <see cref="LedgerOutcomeUnknownException"/>.
/// </summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
