using Npgsql;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresEventLog(PostgresLedgerDatabase database) : IEventLog
{
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT sequence, type, payload, recorded_at FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2");
        command.Parameters.Add(PostgresValues.Bigint(after));
        command.Parameters.Add(PostgresValues.Integer(max));
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(
                reader.GetInt64(0), PostgresValues.Time(reader.GetInt64(3)), EventCodec.Decode(reader.GetString(1), reader.GetString(2))));
        }
        return events;
    }

    /// <summary>
    /// The committed <c>event_head</c>: event sequences are taken under its row lock and committed in order (see
    /// <see cref="PostgresEventAppender"/>), so every event at or below it is committed and visible to later reads.
    /// (max(sequence) would be just as safe today, but the head states the guarantee instead of relying on it.)
    /// </summary>
    public async Task<long> ReadHighWaterMarkAsync(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(PostgresEventAppender.ReadHeadSql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false));
    }

    // TEMPORARY scaffolding until the ledger helper's branch is merged.
    public Task<IReadOnlyList<Tally.Domain.Events.StoredEvent>> ReadPollAsync(Guid pollId, long after, long upTo, int max, CancellationToken ct) => throw new NotSupportedException();

    public Task<Tally.Domain.Events.StoredEvent?> ReadEventAsync(long sequence, CancellationToken ct) => throw new NotSupportedException();

    public Task<Guid> ReadLedgerIdAsync(CancellationToken ct) => throw new NotSupportedException();
}
