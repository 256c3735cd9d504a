using Tally.Domain.Ballots;

namespace Tally.Ledger.Judging;

/// <summary>An idempotency key committed with a vote: what that vote was (its fingerprint) and the answer it got.</summary>
public sealed record StoredKey(VoterKey Key, string Fingerprint, VoteReceipt Receipt);
