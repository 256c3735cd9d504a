using Npgsql;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>One open write transaction, and the last event sequence it took (if it appended any).</summary>
internal sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public long? LastSequence { get; set; }

    /// <summary>The events it appended, handed to the projector once it commits.</summary>
    public TransactionEvents Appended { get; } = new();

    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);
}
