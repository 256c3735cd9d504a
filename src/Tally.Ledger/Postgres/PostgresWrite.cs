using Npgsql;

namespace Tally.Ledger.Postgres;

/// <summary>One open write transaction, and the last event sequence it took (if it appended any).</summary>
internal sealed class PostgresWrite(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public long? LastSequence { get; set; }

    public NpgsqlBatch CreateBatch() => new(Connection, Transaction);
}
