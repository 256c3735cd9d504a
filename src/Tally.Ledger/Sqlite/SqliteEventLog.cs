using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteEventLog(SqliteLedgerDatabase database) : IEventLog
{
    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, type, payload, recorded_at FROM events WHERE sequence > $after ORDER BY sequence LIMIT $max";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$max", max);
        var events = new List<StoredEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), SqliteValues.ReadTime(reader.GetString(3)), EventCodec.Decode(reader.GetString(1), reader.GetString(2))));
        }
        return Task.FromResult<IReadOnlyList<StoredEvent>>(events);
    }

    public Task<long> ReadHighWaterMarkAsync(CancellationToken ct)
    {
        // One writer at a time means every snapshot holds a gap-free prefix of the log: its maximum is safe to read up to.
        using var connection = database.OpenReader();
        return Task.FromResult(SqliteLedgerDatabase.ScalarLong(connection, "SELECT coalesce(max(sequence), 0) FROM events"));
    }
}

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
        return sequence;
    }
}
