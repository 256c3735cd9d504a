using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Sqlite;

/// <summary>Appends events inside the writer's transaction, so an event exists exactly when its change does.</summary>
public sealed class SqliteEventAppender
{
    private readonly SqliteLedgerDatabase _database;
    private readonly SqliteStatement _insert;

    internal SqliteEventAppender(SqliteLedgerDatabase database)
    {
        _database = database;
        _insert = database.PrepareOnWriter(
            "INSERT INTO events (sequence, type, poll_id, payload, recorded_at) VALUES ($sequence, $type, $poll_id, $payload, $recorded_at)",
            "$sequence", "$type", "$poll_id", "$payload", "$recorded_at");
    }

    /// <param name="transaction">The writer's open transaction, which the event joins.</param>
    /// <returns>The event's sequence.</returns>
    public long Append(SqliteTransaction transaction, LedgerEvent e, DateTimeOffset at)
    {
        if (transaction.Connection != _database.Writer)
        {
            throw new InvalidOperationException("Events are appended in the writer's transaction only.");
        }
        var sequence = _database.NextSequence();
        _insert.Bind(1, sequence);
        _insert.Bind(2, EventCodec.TypeOf(e));
        _insert.Bind(3, e.PollId);
        _insert.BindUtf8(4, EventCodec.EncodeUtf8(e));
        _insert.Bind(5, at);
        _insert.Execute();
        _database.Appended.Add(sequence, at, e);
        return sequence;
    }
}
