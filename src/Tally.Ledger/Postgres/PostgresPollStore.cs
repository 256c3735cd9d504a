using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresPollStore(PostgresLedgerDatabase database, TimeProvider clock) : IPollStore
{
    public Task<long> CreateAsync(Poll poll, CancellationToken ct) => database.WriteAsync(async write =>
    {
        var optionIds = new int[poll.Options.Count];
        var optionTexts = new string[poll.Options.Count];
        for (var i = 0; i < optionIds.Length; i++)
        {
            optionIds[i] = poll.Options[i].Id;
            optionTexts[i] = poll.Options[i].Text;
        }
        var positions = new int[poll.Regions.Count];
        var regions = new string[poll.Regions.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
            regions[i] = poll.Regions[i];
        }
        // One round trip: the poll's rows, its audit row, then (last, as everywhere) its event.
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(PostgresValues.Command("""
            INSERT INTO polls (poll_id, owner_id, title, description, start_time, end_time, results_visibility, allow_vote_change, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            PostgresValues.Uuid(poll.Id),
            PostgresValues.Text(poll.OwnerId),
            PostgresValues.Text(poll.Title),
            PostgresValues.NullableText(poll.Description),
            PostgresValues.NullableInstant(poll.StartTime),
            PostgresValues.NullableInstant(poll.EndTime),
            PostgresValues.Text(poll.Settings.ResultsVisibility.ToString()),
            PostgresValues.Boolean(poll.Settings.AllowVoteChange),
            PostgresValues.Instant(poll.CreatedAt)));
        batch.BatchCommands.Add(PostgresValues.Command(
            "INSERT INTO poll_options (poll_id, option_id, text) SELECT $1, o.id, o.text FROM unnest($2::integer[], $3::text[]) AS o(id, text)",
            PostgresValues.Uuid(poll.Id),
            PostgresValues.Array(optionIds, NpgsqlDbType.Integer),
            PostgresValues.Array(optionTexts, NpgsqlDbType.Text)));
        batch.BatchCommands.Add(PostgresValues.Command(
            "INSERT INTO poll_regions (poll_id, position, region) SELECT $1, r.position, r.region FROM unnest($2::integer[], $3::text[]) AS r(position, region)",
            PostgresValues.Uuid(poll.Id),
            PostgresValues.Array(positions, NpgsqlDbType.Integer),
            PostgresValues.Array(regions, NpgsqlDbType.Text)));
        batch.BatchCommands.Add(PostgresAudit.Insert(poll.CreatedAt, poll.OwnerId, "poll_created", poll.Id));
        return await PostgresEventAppender.AppendOneAsync(write, batch, new PollCreated(poll), poll.CreatedAt, ct).ConfigureAwait(false);
    }, ct);

    public async Task<Poll?> FindAsync(Guid pollId, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await PostgresPollRows.ReadOneAsync(connection, null, pollId, PollLock.None, ct).ConfigureAwait(false);
    }

    public Task<Outcome<ClosedPoll>> CloseAsync(Guid pollId, string closedBy, CancellationToken ct) =>
        database.WriteAsync<Outcome<ClosedPoll>>(async write =>
        {
            // Lock the poll first, then read the clock: a vote or retraction holding the poll's share lock has committed
            // by now (so it is dated before this close), and any that comes later waits for this close and sees it.
            var poll = await PostgresPollRows.ReadOneAsync(write.Connection, write.Transaction, pollId, PollLock.Update, ct).ConfigureAwait(false);
            var at = clock.GetUtcNow();
            var verdict = CloseJudge.Judge(poll, closedBy, at);
            if (verdict.Refusal is { } refusal)
            {
                return refusal;
            }
            await using var batch = write.CreateBatch();
            long sequence;
            if (verdict.Event is { } closing)
            {
                batch.BatchCommands.Add(PostgresValues.Command(
                    "UPDATE polls SET closed_at = $1 WHERE poll_id = $2 AND closed_at IS NULL",
                    PostgresValues.Instant(at),
                    PostgresValues.Uuid(pollId)));
                batch.BatchCommands.Add(PostgresAudit.Insert(at, closedBy, "poll_closed", pollId));
                sequence = await PostgresEventAppender.AppendOneAsync(write, batch, closing, at, ct).ConfigureAwait(false);
            }
            else
            {
                // Closed already: nothing is written, and the head covers whatever closed it.
                batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresEventAppender.ReadHeadSql));
                sequence = Convert.ToInt64(await batch.ExecuteScalarAsync(ct).ConfigureAwait(false));
            }
            return Outcome<ClosedPoll>.Ok(new ClosedPoll(verdict.Poll!, sequence));
        }, ct);
}
