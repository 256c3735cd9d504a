using Npgsql;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

/// <summary>
/// The log as any one statement sees it. Commit order is sequence order (see <see cref="PostgresEventAppender"/>), so
/// every snapshot holds a gap-free prefix of the log and each read below needs no head of its own.
/// </summary>
public sealed class PostgresEventLog(PostgresLedgerDatabase database) : IEventLog
{
    private const string Columns = "sequence, type, payload, recorded_at";

    /// <summary>One poll's events in a window, through <c>events_by_poll</c>, which hands them over already in order.</summary>
    internal const string ReadPollSql = $"SELECT {Columns} FROM events WHERE poll_id = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence LIMIT $4";

    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(long after, int max, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM events WHERE sequence > $1 ORDER BY sequence LIMIT $2");
        command.Parameters.Add(PostgresValues.Bigint(after));
        command.Parameters.Add(PostgresValues.Integer(max));
        return await ReadAsync(command, ct).ConfigureAwait(false);
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

    public async Task<IReadOnlyList<StoredEvent>> ReadPollAsync(Guid pollId, long after, long upTo, int max, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(ReadPollSql);
        command.Parameters.Add(PostgresValues.Uuid(pollId));
        command.Parameters.Add(PostgresValues.Bigint(after));
        command.Parameters.Add(PostgresValues.Bigint(upTo));
        command.Parameters.Add(PostgresValues.Integer(max));
        return await ReadAsync(command, ct).ConfigureAwait(false);
    }

    public async Task<StoredEvent?> ReadEventAsync(long sequence, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM events WHERE sequence = $1");
        command.Parameters.Add(PostgresValues.Bigint(sequence));
        return (await ReadAsync(command, ct).ConfigureAwait(false)).SingleOrDefault();
    }

    public Task<Guid> ReadLedgerIdAsync(CancellationToken ct) => Task.FromResult(database.LedgerId);

    private static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(
                reader.GetInt64(0), PostgresValues.Time(reader.GetInt64(3)), EventCodec.Decode(reader.GetString(1), reader.GetString(2))));
        }
        return events;
    }
}
