namespace Tally.Views;

/// <summary>
/// Live votes a view holds for one option of a poll: in one region, or with <see cref="Region"/> null in all regions
/// together (a view that counts by option only). Compared with the ledger's count of the same cell.
/// </summary>
public readonly record struct HeldVotes(int OptionId, string? Region, long Votes);
