namespace Tally.Bench.Protocol;

/// <summary>Tally's 201 for a durably committed vote; the baseline's /hello answers with the same shape so both bodies cost the same.</summary>
public sealed record VoteReceipt(string VoteId, string PollId, int OptionId, string Region, DateTimeOffset RecordedAt, long Sequence);
