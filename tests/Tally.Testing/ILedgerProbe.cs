namespace Tally.Testing;

/// <summary>
/// The ledger's rows read straight from its tables, beneath every store: the ground truth a test holds the API against.
/// One implementation per backend, so a test asserts the same way on either and holds no SQL of its own; what is
/// derived from these rows is in <see cref="LedgerTruth"/>, once.
/// </summary>
public interface ILedgerProbe
{
    /// <summary>The number of rows in one of <see cref="LedgerTables.All"/>.</summary>
    Task<long> CountRowsAsync(string table, CancellationToken ct = default);

    /// <summary>Every vote row, live or retracted, of one poll (of every poll when null), oldest first.</summary>
    Task<IReadOnlyList<ProbedVote>> VotesAsync(Guid? pollId = null, CancellationToken ct = default);

    Task<IReadOnlyList<ProbedPoll>> PollsAsync(CancellationToken ct = default);

    /// <summary>Every audit row, oldest first.</summary>
    Task<IReadOnlyList<ProbedAudit>> AuditAsync(CancellationToken ct = default);

    /// <summary>Every event of the log, in sequence order.</summary>
    Task<IReadOnlyList<ProbedEvent>> EventsAsync(CancellationToken ct = default);

    /// <summary>The log's head as the ledger keeps it: the last sequence handed out and committed, 0 when empty.</summary>
    Task<long> LastSequenceAsync(CancellationToken ct = default);

    Task<IReadOnlyList<string>> PasswordHashesAsync(CancellationToken ct = default);
}
