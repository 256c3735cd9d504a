using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>
/// Appends events inside the writer's transaction, so an event exists exactly when its change does.
/// </summary>
/// <remarks>
/// Why sequences can be trusted by a tailing reader. Every writing transaction, after its own rows are written and right
/// before inserting its events, runs <c>UPDATE event_head SET last_sequence = last_sequence + n RETURNING last_sequence</c>.
/// That row lock is held until COMMIT (or ROLLBACK), so:
/// <list type="bullet">
/// <item>writers that append events take their numbers one after another, and a writer only gets the lock once the
/// previous holder has finished committing — so a transaction holding lower numbers is always visible before one holding
/// higher numbers (PostgreSQL marks a transaction committed before it releases its locks): commit order is sequence order;</item>
/// <item>a rolled-back transaction's increment is rolled back with it, so the next writer reuses its numbers: no gaps;</item>
/// <item>the committed <c>event_head.last_sequence</c> is therefore a high-water mark: every event at or below it is
/// committed and visible to any snapshot taken after it was read.</item>
/// </list>
/// A vote batch takes its numbers the same way, inside the one statement that inserts its votes, events and keys
/// (<see cref="PostgresVoteBatch"/>), after the votes are in.
/// The lock is taken as late as possible (after vote and poll rows, which may wait on other transactions' unique-index
/// entries or poll locks), so it is held only for the event and key inserts and the COMMIT, and no one waits for
/// anything else while holding it.
/// </remarks>
internal static class PostgresEventAppender
{
    public const string ReadHeadSql = "SELECT last_sequence FROM event_head";

    private const string TakeSequencesSql = "UPDATE event_head SET last_sequence = last_sequence + $1 RETURNING last_sequence";

    /// <summary>Numbers the events from the sequences just taken in this same transaction (it sees its own update).</summary>
    private const string InsertSql = """
        INSERT INTO events (sequence, type, poll_id, payload, recorded_at)
        SELECT h.last_sequence - $1 + e.ordinal, e.type, e.poll_id, e.payload, e.recorded_at
        FROM event_head h, unnest($2::text[], $3::uuid[], $4::jsonb[], $5::bigint[]) WITH ORDINALITY AS e(type, poll_id, payload, recorded_at, ordinal)
        """;

    /// <summary>
    /// Tells other nodes' <see cref="PostgresCommitListener"/>s the head this transaction leaves behind. PostgreSQL queues the
    /// notification and delivers it only at COMMIT, in commit order, and drops it on rollback, so a listener never hears
    /// of a sequence before it is visible. Reading event_head (not a parameter) keeps it right for whatever the batch took.
    /// </summary>
    private const string NotifySql = $"SELECT pg_notify('{PostgresCommitListener.Channel}', last_sequence::text) FROM event_head";

    /// <summary>The notification of the head this transaction leaves behind; after its last command that takes sequences.</summary>
    public static NpgsqlBatchCommand Notify() => new(NotifySql);

    /// <summary>
    /// Adds to <paramref name="batch"/> the commands that take sequences for <paramref name="events"/> and insert them.
    /// They must be the batch's first row-returning commands: the batch's scalar is then the last sequence taken.
    /// Commands added after them may number rows with <c>(SELECT last_sequence FROM event_head) - n + ordinal</c>.
    /// </summary>
    public static void Add(NpgsqlBatch batch, EventRows events)
    {
        var count = PostgresValues.Bigint(events.Count);
        batch.BatchCommands.Add(PostgresValues.Command(TakeSequencesSql, count));
        batch.BatchCommands.Add(PostgresValues.Command(InsertSql,
            PostgresValues.Bigint(events.Count),
            PostgresValues.Array(events.Types, NpgsqlDbType.Text),
            PostgresValues.Array(events.PollIds, NpgsqlDbType.Uuid),
            PostgresValues.Array(events.Payloads, NpgsqlDbType.Jsonb),
            PostgresValues.Array(events.RecordedAt, NpgsqlDbType.Bigint)));
        // In the same batch, so waking the other nodes costs no extra round trip.
        batch.BatchCommands.Add(Notify());
    }

    /// <summary>Runs a batch built with <see cref="Add"/>; returns the last sequence it took, remembered for waking readers.</summary>
    public static async Task<long> ExecuteAsync(PostgresWrite write, NpgsqlBatch batch, EventRows events, CancellationToken ct)
    {
        var last = Convert.ToInt64(await batch.ExecuteScalarAsync(ct).ConfigureAwait(false));
        Took(write, events, last);
        return last;
    }

    private static void Took(PostgresWrite write, EventRows events, long last)
    {
        write.LastSequence = last;
        for (var i = 0; i < events.Count; i++)
        {
            write.Appended.Add(last - events.Count + 1 + i, PostgresValues.Time(events.RecordedAt[i]), events.Events[i]);
        }
    }

    /// <summary>Appends one event with whatever commands <paramref name="before"/> added; returns its sequence.</summary>
    public static async Task<long> AppendOneAsync(PostgresWrite write, NpgsqlBatch before, LedgerEvent e, DateTimeOffset at, CancellationToken ct)
    {
        var rows = new EventRows(1);
        rows.Add(e, at);
        Add(before, rows);
        return await ExecuteAsync(write, before, rows, ct).ConfigureAwait(false);
    }
}
