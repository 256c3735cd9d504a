using Microsoft.Extensions.DependencyInjection;

namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// One test's ledger storage, fresh and empty: how to register a ledger implementation on it, and how to look underneath the stores.
/// Every storage-specific detail of the contract lives in a subclass of this.
/// </summary>
public abstract class LedgerFixture : IAsyncDisposable
{
    /// <summary>Registers the stores, event log, group commit and handlers on this storage. Called again after a restart.</summary>
    public abstract void AddLedger(IServiceCollection services);

    /// <summary>Another storage of the same kind, fresh and empty, that the caller disposes.</summary>
    public abstract LedgerFixture Fresh();

    /// <summary>The rows of this storage, read straight from it.</summary>
    public abstract ILedgerProbe Probe { get; }

    /// <summary>Every vote row, live or retracted, of one voter in one poll, oldest first, read straight from storage.</summary>
    public async Task<IReadOnlyList<VoteRow>> ReadVoteRowsAsync(Guid pollId, string voterId, CancellationToken ct) =>
        (await Probe.VotesAsync(pollId, ct)).Where(v => v.VoterId == voterId)
            .Select(v => new VoteRow(v.VoteId, v.OptionId, v.Region, v.IsRetracted, v.RetractedAt, v.IpAddress, v.UserAgent))
            .ToList();

    /// <summary>Every audit row about one poll, oldest first, read straight from storage.</summary>
    public async Task<IReadOnlyList<AuditRow>> ReadAuditRowsAsync(Guid pollId, CancellationToken ct) =>
        (await Probe.AuditAsync(ct)).Where(a => a.PollId == pollId)
            .Select(a => new AuditRow(a.Actor, a.Action, a.VoteId, a.IpAddress, a.UserAgent))
            .ToList();

    /// <summary>Actor and detail of every audit row with this action, oldest first, read straight from storage.</summary>
    public async Task<IReadOnlyList<(string Actor, string? Detail)>> ReadAuditRowsAsync(string action, CancellationToken ct) =>
        (await Probe.AuditAsync(ct)).Where(a => a.Action == action).Select(a => (a.Actor, a.Detail)).ToList();

    /// <summary>Removes the storage. The ledger built on it has been disposed by then.</summary>
    public abstract ValueTask DisposeAsync();
}
