namespace Tally.Ledger.Judging;

/// <summary>An idempotency key, which belongs to the voter who sent it.</summary>
public readonly record struct VoterKey(string VoterId, string Key);
