using Npgsql;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>One open write transaction, and the last event sequence it took (if it appended any).</summary>
/// <remarks>
/// Without an <see cref="NpgsqlTransaction"/> (group commit) the transaction is written out: BEGIN travels with the first
/// batch and COMMIT with the batch given to <see cref="Committing"/>, so neither costs a round trip of its own.
/// </remarks>
internal sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction? transaction, LedgerCommits commits)
{
    private bool _begun = transaction is not null;
    private bool _inFlight;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction? Transaction { get; } = transaction;

    public long? LastSequence { get; set; }

    /// <summary>The events it appended, handed to the projector once it commits.</summary>
    public TransactionEvents Appended { get; } = new();

    /// <summary>Whether a batch carrying the COMMIT has been answered.</summary>
    public bool Committed { get; private set; }

    public NpgsqlBatch CreateBatch()
    {
        var batch = new NpgsqlBatch(Connection, Transaction);
        if (!_begun)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL READ COMMITTED"));
            _begun = true;
        }
        return batch;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> with the transaction's COMMIT after its commands and hands its results to
    /// <paramref name="read"/>. A PostgreSQL error means the transaction was rolled back and is thrown as it is; any other
    /// failure may have come after the commit landed, and is a <see cref="LedgerOutcomeUnknownException"/>.
    /// </summary>
    public void Committing(NpgsqlBatch batch, Action<NpgsqlDataReader> read)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        // Its echo may come back before the results do: held until this write settles (see LedgerCommits).
        commits.Committing();
        _inFlight = true;
        try
        {
            using var reader = batch.ExecuteReader();
            read(reader);
            while (reader.NextResult())
            {
            }
        }
        catch (Exception ex) when (PostgresLedgerDatabase.Unanswered(ex))
        {
            throw PostgresLedgerDatabase.OutcomeUnknown(ex);
        }
        Committed = true;
    }

    /// <summary>Lets the commits heard while this one was in flight wake readers: after its own events are handed over.</summary>
    public void Settle()
    {
        if (_inFlight)
        {
            _inFlight = false;
            commits.Settled();
        }
    }
}
