namespace Tally.Testing;

/// <summary>What a test derives from the ledger's rows, written once for every <see cref="ILedgerProbe"/>.</summary>
public static class LedgerTruth
{
    /// <summary>Row counts of every ledger table, retracted votes and closed polls: equal before and after means nothing changed.</summary>
    public static async Task<Dictionary<string, long>> CountsAsync(this ILedgerProbe ledger, CancellationToken ct = default)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in LedgerTables.All)
        {
            counts[table] = await ledger.CountRowsAsync(table, ct);
        }
        counts["retracted"] = (await ledger.VotesAsync(ct: ct)).Count(v => v.IsRetracted);
        counts["closed"] = (await ledger.PollsAsync(ct)).Count(p => p.IsClosed);
        return counts;
    }

    /// <summary>Live votes per option of a poll, from its vote rows: the count the views must match.</summary>
    public static async Task<Dictionary<int, long>> LiveVotesByOptionAsync(this ILedgerProbe ledger, Guid pollId, CancellationToken ct = default) =>
        (await ledger.VotesAsync(pollId, ct)).Where(v => !v.IsRetracted)
            .GroupBy(v => v.OptionId)
            .ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>
    /// Live votes per poll, option and region (null: cast without one) of <paramref name="pollIds"/>, or of every poll not
    /// closed when null, from the vote rows: the count the ledger's live counts must match.
    /// </summary>
    public static async Task<Dictionary<(Guid Poll, int Option, string? Region), long>> LiveVotesAsync(
        this ILedgerProbe ledger, IReadOnlyCollection<Guid>? pollIds = null, CancellationToken ct = default)
    {
        var polls = pollIds ?? (await ledger.PollsAsync(ct)).Where(p => !p.IsClosed).Select(p => p.PollId).ToList();
        var counts = new Dictionary<(Guid Poll, int Option, string? Region), long>();
        foreach (var poll in polls)
        {
            foreach (var vote in (await ledger.VotesAsync(poll, ct)).Where(v => !v.IsRetracted))
            {
                counts[(poll, vote.OptionId, vote.Region)] = counts.GetValueOrDefault((poll, vote.OptionId, vote.Region)) + 1;
            }
        }
        return counts;
    }

    /// <summary>Live votes per region and option of a poll (votes without a region left out), from its vote rows.</summary>
    public static async Task<Dictionary<(string Region, int Option), long>> LiveVotesByRegionAndOptionAsync(
        this ILedgerProbe ledger, Guid pollId, CancellationToken ct = default) =>
        (await ledger.VotesAsync(pollId, ct)).Where(v => !v.IsRetracted && v.Region is not null)
            .GroupBy(v => (v.Region!, v.OptionId))
            .ToDictionary(g => g.Key, g => (long)g.Count());
}
