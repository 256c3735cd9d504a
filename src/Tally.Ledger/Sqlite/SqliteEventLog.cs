using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteEventLog(SqliteLedgerDatabase database) : IEventLog
{
    private const string Columns = "sequence, type, payload, recorded_at";

    /// <summary>One poll's events in a window, through <c>events_by_poll</c>, and no further than the durable head, as ReadAfterAsync.</summary>
    internal const string ReadPollSql = $"""
        SELECT {Columns} FROM events
        WHERE poll_id = $poll AND sequence > $after AND sequence <= min($upTo, $durable)
        ORDER BY sequence LIMIT $max
        """;

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        // Only what is on disk: an event committed but not yet synced could be lost and its sequence reused.
        command.CommandText = $"SELECT {Columns} FROM events WHERE sequence > $after AND sequence <= $durable ORDER BY sequence LIMIT $max";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$durable", database.DurableSequence);
        command.Parameters.AddWithValue("$max", max);
        return Task.FromResult(Read(command));
    }

    public Task<long> ReadHighWaterMarkAsync(CancellationToken ct)
    {
        // One writer at a time means every snapshot holds a gap-free prefix of the log: its maximum, capped at what is on
        // disk, is safe to read up to.
        var durable = database.DurableSequence;
        using var connection = database.OpenReader();
        return Task.FromResult(Math.Min(durable, SqliteLedgerDatabase.ScalarLong(connection, "SELECT coalesce(max(sequence), 0) FROM events")));
    }

    public Task<IReadOnlyList<StoredEvent>> ReadPollAsync(Guid pollId, long after, long upTo, int max, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = ReadPollSql;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.Parameters.AddWithValue("$durable", database.DurableSequence);
        command.Parameters.AddWithValue("$max", max);
        return Task.FromResult(Read(command));
    }

    public Task<StoredEvent?> ReadEventAsync(long sequence, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE sequence = $sequence AND sequence <= $durable";
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$durable", database.DurableSequence);
        return Task.FromResult(Read(command).SingleOrDefault());
    }

    public Task<Guid> ReadLedgerIdAsync(CancellationToken ct) => Task.FromResult(database.LedgerId);

    private static IReadOnlyList<StoredEvent> Read(SqliteCommand command)
    {
        var events = new List<StoredEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), SqliteValues.ReadTime(reader.GetString(3)), EventCodec.Decode(reader.GetString(1), reader.GetString(2))));
        }
        return events;
    }
}
