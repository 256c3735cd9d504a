using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Sqlite;

/// <summary>Appends events inside the writer's transaction, so an event exists exactly when its change does.</summary>
public sealed class SqliteEventAppender
{
    private readonly SqliteLedgerDatabase _database;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _type;
    private readonly SqliteParameter _pollId;
    private readonly SqliteParameter _payload;
    private readonly SqliteParameter _recordedAt;

    internal SqliteEventAppender(SqliteLedgerDatabase database)
    {
        _database = database;
        _insert = database.Writer.CreateCommand();
        _insert.CommandText = "INSERT INTO events (sequence, type, poll_id, payload, recorded_at) VALUES ($sequence, $type, $poll_id, $payload, $recorded_at)";
        _sequence = _insert.Parameters.Add("$sequence", SqliteType.Integer);
        _type = _insert.Parameters.Add("$type", SqliteType.Text);
        _pollId = _insert.Parameters.Add("$poll_id", SqliteType.Text);
        _payload = _insert.Parameters.Add("$payload", SqliteType.Text);
        _recordedAt = _insert.Parameters.Add("$recorded_at", SqliteType.Text);
    }

    /// <returns>The event's sequence.</returns>
    public long Append(SqliteTransaction transaction, LedgerEvent e, DateTimeOffset at)
    {
        var sequence = _database.NextSequence();
        _insert.Transaction = transaction;
        _sequence.Value = sequence;
        _type.Value = EventCodec.TypeOf(e);
        _pollId.Value = e.PollId.ToString();
        _payload.Value = EventCodec.Encode(e);
        _recordedAt.Value = SqliteValues.Time(at);
        _insert.ExecuteNonQuery();
        _database.Appended.Add(sequence, at, e);
        return sequence;
    }
}
