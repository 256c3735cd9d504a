namespace Tally.Ledger;

/// <summary>The ledger could not take a write. Nothing was committed for the caller; it may retry with its idempotency key.</summary>
public sealed class LedgerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
