namespace Tally.Ledger;

/// <summary>
/// A write was sent to be committed and no answer came back (the connection broke, or the answer timed out): it may have
/// been recorded or not. Unlike <see cref="LedgerUnavailableException"/>, nothing may be promised; a retry carrying the same
/// idempotency key is answered with what really happened.
/// </summary>
public sealed class LedgerOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);
