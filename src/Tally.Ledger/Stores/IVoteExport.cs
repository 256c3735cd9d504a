namespace Tally.Ledger.Stores;

/// <summary>A poll's vote rows for an admin export, read in one snapshot and streamed row by row (constant memory).</summary>
public interface IVoteExport
{
    /// <summary>Every vote of the poll, retracted ones included, in the order of the events that cast them.</summary>
    IAsyncEnumerable<ExportedVote> ReadVotesAsync(Guid pollId, CancellationToken ct);
}
