namespace Tally.Sync.Counting;

/// <summary>One cell where a view holds another number of live votes than the ledger at the same sequence.</summary>
public sealed record CellDrift(Guid PollId, string View, int OptionId, string? Region, long Ledger, long Held);
