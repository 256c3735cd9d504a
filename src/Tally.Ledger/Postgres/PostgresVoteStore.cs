using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresVoteStore(PostgresLedgerDatabase database, TimeProvider clock) : IVoteStore
{
    /// <remarks>
    /// Runs synchronously on the caller's thread (the group-commit thread): see <see cref="PostgresVoteBatch"/>.
    /// </remarks>
    public Task CommitBatchAsync(IReadOnlyList<PendingVote> batch, CancellationToken ct)
    {
        // The caller reuses its list for the next batch.
        var votes = batch.ToArray();
        Outcome<VoteReceipt>[] outcomes;
        try
        {
            outcomes = Write(votes);
        }
        catch (PostgresException ex) when (RefusedBatch(ex))
        {
            // The server refused something in the batch and rolled it all back. Retry one by one so a single bad vote
            // cannot fail its neighbours, and so a vote whose key another node committed meanwhile (even alone in its
            // batch) reads that commit and gets its true answer. Anything else (the database away, a broken connection)
            // would fail each of them again: the batch fails as a whole, at once.
            for (var i = 0; i < votes.Length; i++)
            {
                try
                {
                    votes[i].Complete(Write([votes[i]])[0]);
                }
                catch (PostgresException refused) when (RefusedBatch(refused))
                {
                    votes[i].Fail(refused);
                }
                catch (Exception failed)
                {
                    PendingVote.FailFrom(votes.AsSpan(i), failed);
                    return Task.CompletedTask;
                }
            }
            return Task.CompletedTask;
        }
        // Only now, after COMMIT returned (synchronous_commit: the commit is durable), does anyone hear back.
        for (var i = 0; i < votes.Length; i++)
        {
            votes[i].Complete(outcomes[i]);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// What one vote of a batch can bring on itself: a value the server cannot store (class 22), a key another node
    /// committed meanwhile (class 23), a deadlock or serialization victim (class 40).
    /// </summary>
    private static bool RefusedBatch(PostgresException ex) => ex.SqlState is ['2', '2', ..] or ['2', '3', ..] or ['4', '0', ..];

    private Outcome<VoteReceipt>[] Write(PendingVote[] votes) =>
        database.Write(write => new PostgresVoteBatch(votes).Write(write, clock));

    public Task<Outcome<Retraction>> RetractAsync(RetractVote command, CancellationToken ct) =>
        database.WriteAsync<Outcome<Retraction>>(async write =>
        {
            // The poll's share lock first, then the clock: judged against any close committed before, and a close that
            // comes later waits for this retraction (see PostgresPollStore.CloseAsync).
            var poll = await PostgresPollRows.ReadOneAsync(write.Connection, write.Transaction, command.PollId, PollLock.Share, ct)
                .ConfigureAwait(false);
            var at = clock.GetUtcNow();
            if (poll is null)
            {
                return new Rejection(ErrorCodes.PollNotFound, "No poll has this id.");
            }
            if (!poll.IsOpenAt(at))
            {
                return BallotRules.NotActive(poll, at);
            }
            Guid voteId;
            int optionId;
            string? region;
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
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return new Rejection(ErrorCodes.VoteNotFound, "You have no live vote in this poll.");
                }
                voteId = reader.GetGuid(0);
                optionId = reader.GetInt32(1);
                region = PostgresValues.TextOrNull(reader, 2);
            }
            await using var batch = write.CreateBatch();
            batch.BatchCommands.Add(PostgresAudit.Insert(at, command.VoterId, "vote_retracted", command.PollId, voteId,
                command.Client.IpAddress, command.Client.UserAgent, detail: $"option {optionId}"));
            var sequence = await PostgresEventAppender.AppendOneAsync(write, batch,
                new VoteRetracted(voteId, command.PollId, command.VoterId, optionId, region, at), at, ct).ConfigureAwait(false);
            return Outcome<Retraction>.Ok(new Retraction(voteId, command.PollId, optionId, region, at, sequence));
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
}
