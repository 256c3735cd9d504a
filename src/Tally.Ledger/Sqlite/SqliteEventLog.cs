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
        // Only what is on disk: an event committed but not yet synced could be lost and its sequence reused.
        command.CommandText = "SELECT sequence, type, payload, recorded_at FROM events WHERE sequence > $after AND sequence <= $durable ORDER BY sequence LIMIT $max";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$durable", database.DurableSequence);
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
        // One writer at a time means every snapshot holds a gap-free prefix of the log: its maximum, capped at what is on
        // disk, is safe to read up to.
        var durable = database.DurableSequence;
        using var connection = database.OpenReader();
        return Task.FromResult(Math.Min(durable, SqliteLedgerDatabase.ScalarLong(connection, "SELECT coalesce(max(sequence), 0) FROM events")));
    }

    // TEMPORARY scaffolding until the ledger helper's branch is merged.
    public Task<IReadOnlyList<Tally.Domain.Events.StoredEvent>> ReadPollAsync(Guid pollId, long after, long upTo, int max, CancellationToken ct) => throw new NotSupportedException();

    public Task<Tally.Domain.Events.StoredEvent?> ReadEventAsync(long sequence, CancellationToken ct) => throw new NotSupportedException();

    public Task<Guid> ReadLedgerIdAsync(CancellationToken ct) => throw new NotSupportedException();
}
