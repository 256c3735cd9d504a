using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresVoteStore(PostgresLedgerDatabase database, TimeProvider clock, LedgerMetrics metrics) : IVoteStore
{
    /// <remarks>
    /// Runs synchronously on the caller's thread (the group-commit thread): see <see cref="PostgresVoteBatch"/>. COMMIT
    /// returns only once the commit is flushed (synchronous_commit), so the outcomes are durable when this returns.
    /// </remarks>
    public CommittedDurableLater<Outcome<VoteReceipt>[]> WriteBatch(IReadOnlyList<PendingVote> batch)
    {
        try
        {
            var trace = new PostgresBatchTrace(metrics);
            return new(database.Write(write => PostgresVoteBatch.Write(write, new BatchJudge(batch), clock, trace), trace), Task.CompletedTask);
        }
        catch (PostgresException ex) when (RefusedBatch(ex))
        {
            throw new VoteBatchRefusedException(ex);
        }
    }

    /// <summary>
    /// What one vote of a batch can bring on itself: a value the server cannot store (class 22), a key another node
    /// committed meanwhile (class 23), a deadlock or serialization victim (class 40).
    /// </summary>
    private static bool RefusedBatch(PostgresException ex) => ex.SqlState is ['2', '2', ..] or ['2', '3', ..] or ['4', '0', ..];

    public Task<Outcome<Retraction>> RetractAsync(RetractVote command, CancellationToken ct) =>
        database.WriteAsync<Outcome<Retraction>>(async write =>
        {
            // The poll's share lock first, then the clock: judged against any close committed before, and a close that
            // comes later waits for this retraction (see PostgresPollStore.CloseAsync).
            var poll = await PostgresPollRows.ReadOneAsync(write.Connection, write.Transaction, command.PollId, PollLock.Share, ct)
                .ConfigureAwait(false);
            var at = clock.GetUtcNow();
            if (RetractionJudge.Check(poll, at) is { } refusal)
            {
                return refusal;
            }
            LiveVote? live = null;
            // Finding and flagging in one statement: of two racing retractions the second waits, re-reads the row, and finds nothing.
            await using (var flag = write.CreateBatch())
            {
                flag.BatchCommands.Add(PostgresValues.Command("""
                    UPDATE vote_records SET is_retracted = true, retracted_at = $1
                    WHERE poll_id = $2 AND voter_id = $3 AND NOT is_retracted
                    RETURNING vote_id, option_id, region
                    """,
                    PostgresValues.Instant(at),
                    PostgresValues.Uuid(command.PollId),
                    PostgresValues.Text(command.VoterId)));
                await using var reader = await flag.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    live = new LiveVote(reader.GetGuid(0), reader.GetInt32(1), PostgresValues.TextOrNull(reader, 2));
                }
            }
            var verdict = RetractionJudge.Retract(command, live, at);
            if (verdict.Value is not { } retracted)
            {
                return verdict.Rejection!;
            }
            await using var batch = write.CreateBatch();
            batch.BatchCommands.Add(PostgresAudit.Insert(at, command.VoterId, "vote_retracted", command.PollId, retracted.VoteId,
                command.Client.IpAddress, command.Client.UserAgent, detail: RetractionJudge.AuditDetail(retracted)));
            var sequence = await PostgresEventAppender.AppendOneAsync(write, batch, retracted, at, ct).ConfigureAwait(false);
            return Outcome<Retraction>.Ok(RetractionJudge.Receipt(retracted, sequence));
        }, ct);

    public async Task<IReadOnlyDictionary<int, long>> CountLiveVotesAsync(Guid pollId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT option_id, count(*) FROM vote_records WHERE poll_id = $1 AND NOT is_retracted GROUP BY option_id");
        command.Parameters.Add(PostgresValues.Uuid(pollId));
        var counts = new Dictionary<int, long>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    public Task<Outcome<BulkRetraction>> RetractInBulkAsync(RetractVotes command, CancellationToken ct) =>
        database.WriteAsync<Outcome<BulkRetraction>>(async write =>
        {
            var key = command.DryRun ? null : command.IdempotencyKey;
            if (key is not null
                && AdminRequests.Replay(await PostgresAdminKeys.LockAndFindAsync(write, command.AdminId, key, ct).ConfigureAwait(false), command) is { } replay)
            {
                return replay;
            }
            if (await CheckPollByAdminAsync(write, command.PollId, ct).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
            var at = clock.GetUtcNow();
            var selection = command.Selection;
            var rule = new VoteSelectionRule(selection);
            var rows = rule.VoteIds is { } ids
                ? await PostgresVoteRows.ReadByIdsAsync(write, command.PollId, ids, ct).ConfigureAwait(false)
                : await PostgresVoteRows.ReadLiveAsync(write, command.PollId, selection.From, selection.To, rule.Picks, ct).ConfigureAwait(false);
            var selected = AdminRetractionJudge.Select(command, rule, rows);
            if (selected.Value is not { } picked)
            {
                return selected.Rejection!;
            }
            if (command.DryRun)
            {
                return Outcome<BulkRetraction>.Ok(AdminRetractionJudge.Answer(command, at, picked, null));
            }
            var flagged = await PostgresVoteRows.FlagAsync(write, [.. picked.Select(v => v.VoteId)], at, command.AdminId, command.Reason, ct)
                .ConfigureAwait(false);
            var votes = picked.Where(v => flagged.Contains(v.VoteId)).ToList();
            var sequences = await AppendAsync(write, votes.Select(v => AdminRetractionJudge.Retracted(command, v, at)).ToList(), at,
                PostgresAudit.InsertPerVote(at, command.AdminId, AdminRetractionJudge.RetractedAction, command.PollId,
                    [.. votes.Select(v => v.VoteId)], command.Client.IpAddress, command.Client.UserAgent,
                    AdminRetractionJudge.AuditDetail(command.Reason)), ct).ConfigureAwait(false);
            var answer = AdminRetractionJudge.Answer(command, at, votes, sequences);
            if (key is not null)
            {
                await KeepAsync(write, PostgresAdminKeys.Keep(command.AdminId, key, AdminRequests.Fingerprint(command), AdminRequests.Encode(answer), at), ct)
                    .ConfigureAwait(false);
            }
            return Outcome<BulkRetraction>.Ok(answer);
        }, ct);

    public Task<Outcome<Reinstatement>> ReinstateAsync(ReinstateVotes command, CancellationToken ct) =>
        database.WriteAsync<Outcome<Reinstatement>>(async write =>
        {
            var key = command.IdempotencyKey;
            if (key is not null
                && AdminRequests.Replay(await PostgresAdminKeys.LockAndFindAsync(write, command.AdminId, key, ct).ConfigureAwait(false), command) is { } replay)
            {
                return replay;
            }
            if (await CheckPollByAdminAsync(write, command.PollId, ct).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
            var at = clock.GetUtcNow();
            var rows = (await PostgresVoteRows.ReadByIdsAsync(write, command.PollId, command.VoteIds, ct).ConfigureAwait(false))
                .ToDictionary(v => v.VoteId);
            var live = await PostgresVoteRows.LiveVotersAsync(write, command.PollId, rows.Values.Select(v => v.VoterId), ct).ConfigureAwait(false);
            var planned = AdminRetractionJudge.Plan(command, rows, live);
            if (planned.Value is not { } plan)
            {
                return planned.Rejection!;
            }
            // A vote the voter cast meanwhile makes this fail on the live-vote index, and nothing is changed.
            var unflagged = await PostgresVoteRows.UnflagAsync(write, [.. plan.Reinstate.Select(v => v.VoteId)], ct).ConfigureAwait(false);
            plan = plan with { Reinstate = [.. plan.Reinstate.Where(v => unflagged.Contains(v.VoteId))] };
            var sequences = await AppendAsync(write, plan.Reinstate.Select(v => AdminRetractionJudge.Reinstated(command, v, at)).ToList(), at,
                PostgresAudit.InsertPerVote(at, command.AdminId, AdminRetractionJudge.ReinstatedAction, command.PollId,
                    [.. plan.Reinstate.Select(v => v.VoteId)], command.Client.IpAddress, command.Client.UserAgent,
                    AdminRetractionJudge.AuditDetail(command.Reason)), ct).ConfigureAwait(false);
            var answer = AdminRetractionJudge.Answer(command, at, plan, sequences);
            if (key is not null)
            {
                await KeepAsync(write, PostgresAdminKeys.Keep(command.AdminId, key, AdminRequests.Fingerprint(command), AdminRequests.Encode(answer), at), ct)
                    .ConfigureAwait(false);
            }
            return Outcome<Reinstatement>.Ok(answer);
        }, ct);

    /// <summary>Reads the poll under its share lock, as a voter's own retraction does (a close waits for this write), and judges it for an admin.</summary>
    private static async Task<Rejection?> CheckPollByAdminAsync(PostgresWrite write, Guid pollId, CancellationToken ct) =>
        RetractionJudge.CheckByAdmin(
            await PostgresPollRows.ReadOneAsync(write.Connection, write.Transaction, pollId, PollLock.Share, ct).ConfigureAwait(false));

    /// <summary>Writes the audit rows and appends the events in one batch; returns each event's sequence, in order.</summary>
    private static async Task<IReadOnlyList<long>> AppendAsync(
        PostgresWrite write, IReadOnlyList<LedgerEvent> events, DateTimeOffset at, NpgsqlBatchCommand audit, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var rows = new EventRows(events.Count);
        foreach (var e in events)
        {
            rows.Add(e, at);
        }
        await using var batch = write.CreateBatch();
        PostgresEventAppender.Add(batch, rows);
        batch.BatchCommands.Add(audit);
        var last = await PostgresEventAppender.ExecuteAsync(write, batch, rows, ct).ConfigureAwait(false);
        return [.. Enumerable.Range(0, events.Count).Select(i => last - events.Count + 1 + i)];
    }

    private static async Task KeepAsync(PostgresWrite write, NpgsqlBatchCommand keep, CancellationToken ct)
    {
        await using var batch = write.CreateBatch();
        batch.BatchCommands.Add(keep);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
