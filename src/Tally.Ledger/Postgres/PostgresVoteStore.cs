using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresVoteStore(PostgresLedgerDatabase database, TimeProvider clock) : IVoteStore
{
    /// <remarks>
    /// Runs synchronously on the caller's thread (the group-commit thread): see <see cref="PostgresVoteBatch"/>. COMMIT
    /// returns only once the commit is flushed (synchronous_commit), so the outcomes are durable when this returns.
    /// </remarks>
    public CommittedDurableLater<Outcome<VoteReceipt>[]> WriteBatch(IReadOnlyList<PendingVote> batch)
    {
        try
        {
            return new(database.Write(write => PostgresVoteBatch.Write(write, new BatchJudge(batch), clock)), Task.CompletedTask);
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

    // Scaffolding until the ledger branch of issue 10 lands.
    public Task<Outcome<BulkRetraction>> RetractInBulkAsync(RetractVotes command, CancellationToken ct) => throw new NotImplementedException();

    public Task<Outcome<Reinstatement>> ReinstateAsync(ReinstateVotes command, CancellationToken ct) => throw new NotImplementedException();
}
