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

    /// <summary>Every vote row, live or retracted, of one voter in one poll, oldest first, read straight from storage.</summary>
    public abstract Task<IReadOnlyList<VoteRow>> ReadVoteRowsAsync(Guid pollId, string voterId, CancellationToken ct);

    /// <summary>Every audit row about one poll, oldest first, read straight from storage.</summary>
    public abstract Task<IReadOnlyList<AuditRow>> ReadAuditRowsAsync(Guid pollId, CancellationToken ct);

    /// <summary>Actor and detail of every audit row with this action, oldest first, read straight from storage.</summary>
    public abstract Task<IReadOnlyList<(string Actor, string? Detail)>> ReadAuditRowsAsync(string action, CancellationToken ct);

    /// <summary>Removes the storage. The ledger built on it has been disposed by then.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>A vote as stored, including what the stores never hand back.</summary>
public sealed record VoteRow(Guid VoteId, int OptionId, string? Region, bool IsRetracted, DateTimeOffset? RetractedAt, string? IpAddress, string? UserAgent);

/// <summary>An audit entry as stored.</summary>
public sealed record AuditRow(string Actor, string Action, Guid? VoteId, string? IpAddress, string? UserAgent);
