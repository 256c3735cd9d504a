using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Ledger.Judging;

namespace Tally.Ledger.Postgres;

/// <summary>
/// One group-commit transaction on PostgreSQL: reads the rows <see cref="BatchJudge"/> needs, runs the inserts it asks
/// for, and appends the accepted votes' events and keys, in a handful of round trips.
/// </summary>
/// <remarks>
/// Synchronous on purpose: it runs on the group-commit thread, which has nothing else to do while it waits. Awaiting each
/// of the round trips instead queues every continuation behind the request work in the thread pool, and the batch
/// (and every vote in it) waits its turn there several times over.
/// Round trips: (1) the batch's idempotency keys and polls, the polls share-locked; (2) one multi-row insert of the votes,
/// ON CONFLICT on the live-vote index (again for a later round, rarely); (3) event_head, the events and the new keys; then COMMIT. A refused vote writes
/// nothing, so it never fails its neighbours; anything that breaks the transaction is retried vote by vote by the batcher.
/// </remarks>
internal static class PostgresVoteBatch
{
    // One primary-key probe per key, whatever the statistics say. Written as a join, the statement is prepared once and
    // its plan kept: on a fresh ledger that plan is a hash join over a sequential scan of the (then empty) table, and it
    // stays that way as the table grows until autovacuum's first ANALYZE. LIMIT 1 keeps the lateral from being flattened.
    internal const string FindKeysSql = """
        SELECT k.voter_id, k.key, k.fingerprint, k.vote_id, k.poll_id, k.option_id, k.region, k.recorded_at, k.sequence
        FROM unnest($1::text[], $2::text[]) AS wanted(voter_id, key)
        CROSS JOIN LATERAL (
            SELECT * FROM idempotency_keys i WHERE i.voter_id = wanted.voter_id AND i.key = wanted.key LIMIT 1) AS k
        """;

    // The conflict target names the partial unique index: a live vote for the same (poll, voter) inserts nothing, while
    // any other violation (a reused vote id) still fails loudly.
    internal const string InsertVotesSql = """
        INSERT INTO vote_records (vote_id, poll_id, voter_id, option_id, region, timestamp, ip_address, user_agent)
        SELECT v.vote_id, v.poll_id, v.voter_id, v.option_id, v.region, $1, v.ip_address, v.user_agent
        FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::integer[], $6::text[], $7::text[], $8::text[])
            AS v(vote_id, poll_id, voter_id, option_id, region, ip_address, user_agent)
        ON CONFLICT (poll_id, voter_id) WHERE NOT is_retracted DO NOTHING
        RETURNING vote_id
        """;

    // Runs after PostgresEventAppender's commands in the same batch, so event_head already holds this transaction's numbers.
    private const string InsertKeysSql = """
        INSERT INTO idempotency_keys (voter_id, key, fingerprint, vote_id, poll_id, option_id, region, recorded_at, sequence)
        SELECT k.voter_id, k.key, k.fingerprint, k.vote_id, k.poll_id, k.option_id, k.region, $1, h.last_sequence - $2 + k.event
        FROM event_head h, unnest($3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::integer[], $9::text[], $10::bigint[])
            AS k(voter_id, key, fingerprint, vote_id, poll_id, option_id, region, event)
        """;

    public static Outcome<VoteReceipt>[] Write(PostgresWrite write, BatchJudge judge, TimeProvider clock)
    {
        ReadKeysAndPolls(write, judge);
        // Read once the polls are share-locked: a close committed before now is seen (and refuses these votes whatever
        // this clock says), and a close still to come waits for this commit and reads its own time after.
        for (var inserts = judge.FirstRound(clock.GetUtcNow()); inserts.Count > 0; inserts = judge.NextRound())
        {
            InsertVotes(write, judge, inserts);
            if (judge.LostWithKey() is { Count: > 0 } lost)
            {
                // A new statement sees what other nodes committed while the insert waited for them.
                using var batch = write.CreateBatch();
                AddFindKeys(batch, judge, lost);
                using var reader = batch.ExecuteReader();
                ReadKeys(reader, judge);
            }
        }
        var accepted = judge.Accepted();
        var last = accepted.Count > 0 ? AppendEventsAndKeys(write, judge, accepted) : 0;
        return judge.Outcomes(last - accepted.Count + 1);
    }

    private static void ReadKeysAndPolls(PostgresWrite write, BatchJudge judge)
    {
        var keyed = judge.KeyedVotes;
        using var batch = write.CreateBatch();
        if (keyed.Count > 0)
        {
            AddFindKeys(batch, judge, keyed);
        }
        PostgresPollRows.Add(batch, [.. judge.PollIds], PollLock.Share);
        using var reader = batch.ExecuteReader();
        if (keyed.Count > 0)
        {
            ReadKeys(reader, judge);
            reader.NextResult();
        }
        foreach (var poll in PostgresPollRows.Read(reader).Values)
        {
            judge.Found(poll);
        }
    }

    private static void InsertVotes(PostgresWrite write, BatchJudge judge, IReadOnlyList<int> inserts)
    {
        var votes = judge.Votes;
        // Inserted in (poll, voter) order: two transactions that would wait on each other's index entries take them in
        // the same order, so they queue instead of deadlocking.
        var ordered = inserts.ToArray();
        Array.Sort(ordered, (a, b) =>
        {
            var byPoll = votes[a].Ballot.PollId.CompareTo(votes[b].Ballot.PollId);
            return byPoll != 0 ? byPoll : string.CompareOrdinal(votes[a].Ballot.VoterId, votes[b].Ballot.VoterId);
        });
        var count = ordered.Length;
        var voteIds = new Guid[count];
        var pollIds = new Guid[count];
        var voterIds = new string[count];
        var optionIds = new int[count];
        var regions = new string?[count];
        var ips = new string?[count];
        var agents = new string?[count];
        for (var n = 0; n < count; n++)
        {
            var vote = votes[ordered[n]];
            voteIds[n] = vote.VoteId;
            pollIds[n] = vote.Ballot.PollId;
            voterIds[n] = vote.Ballot.VoterId;
            optionIds[n] = vote.Ballot.OptionId;
            regions[n] = vote.Ballot.Region;
            ips[n] = vote.Command.Client.IpAddress;
            agents[n] = vote.Command.Client.UserAgent;
        }
        var inserted = new HashSet<Guid>(count);
        using (var batch = write.CreateBatch())
        {
            batch.BatchCommands.Add(PostgresValues.Command(InsertVotesSql,
                PostgresValues.Instant(judge.Now),
                PostgresValues.Array(voteIds, NpgsqlDbType.Uuid),
                PostgresValues.Array(pollIds, NpgsqlDbType.Uuid),
                PostgresValues.Array(voterIds, NpgsqlDbType.Text),
                PostgresValues.Array(optionIds, NpgsqlDbType.Integer),
                PostgresValues.Array(regions, NpgsqlDbType.Text),
                PostgresValues.Array(ips, NpgsqlDbType.Text),
                PostgresValues.Array(agents, NpgsqlDbType.Text)));
            using var reader = batch.ExecuteReader();
            while (reader.Read())
            {
                inserted.Add(reader.GetGuid(0));
            }
        }
        foreach (var i in inserts)
        {
            if (inserted.Contains(votes[i].VoteId))
            {
                judge.WentIn(i);
            }
        }
    }

    /// <returns>The last sequence taken.</returns>
    private static long AppendEventsAndKeys(PostgresWrite write, BatchJudge judge, IReadOnlyList<int> accepted)
    {
        var votes = judge.Votes;
        var now = judge.Now;
        var keyCount = 0;
        foreach (var i in accepted)
        {
            if (votes[i].Command.IdempotencyKey is not null)
            {
                keyCount++;
            }
        }
        // Events in batch order; everything is encoded before event_head is locked, so the lock covers only the inserts and COMMIT.
        var events = new EventRows(accepted.Count);
        var voters = new string[keyCount];
        var keys = new string[keyCount];
        var fingerprints = new string[keyCount];
        var voteIds = new Guid[keyCount];
        var pollIds = new Guid[keyCount];
        var optionIds = new int[keyCount];
        var regions = new string?[keyCount];
        var eventOrdinals = new long[keyCount];
        var k = 0;
        foreach (var i in accepted)
        {
            var vote = votes[i];
            var ballot = vote.Ballot;
            events.Add(judge.Cast(i), now);
            if (vote.Command.IdempotencyKey is { } key)
            {
                voters[k] = ballot.VoterId;
                keys[k] = key;
                fingerprints[k] = vote.Fingerprint;
                voteIds[k] = vote.VoteId;
                pollIds[k] = ballot.PollId;
                optionIds[k] = ballot.OptionId;
                regions[k] = ballot.Region;
                eventOrdinals[k] = events.Count;
                k++;
            }
        }
        using var batch = write.CreateBatch();
        PostgresEventAppender.Add(batch, events);
        if (keyCount > 0)
        {
            batch.BatchCommands.Add(PostgresValues.Command(InsertKeysSql,
                PostgresValues.Instant(now),
                PostgresValues.Bigint(accepted.Count),
                PostgresValues.Array(voters, NpgsqlDbType.Text),
                PostgresValues.Array(keys, NpgsqlDbType.Text),
                PostgresValues.Array(fingerprints, NpgsqlDbType.Text),
                PostgresValues.Array(voteIds, NpgsqlDbType.Uuid),
                PostgresValues.Array(pollIds, NpgsqlDbType.Uuid),
                PostgresValues.Array(optionIds, NpgsqlDbType.Integer),
                PostgresValues.Array(regions, NpgsqlDbType.Text),
                PostgresValues.Array(eventOrdinals, NpgsqlDbType.Bigint)));
        }
        return PostgresEventAppender.Execute(write, batch, events);
    }

    private static void AddFindKeys(NpgsqlBatch batch, BatchJudge judge, IReadOnlyList<int> votes)
    {
        var voters = new string[votes.Count];
        var keys = new string[votes.Count];
        for (var n = 0; n < votes.Count; n++)
        {
            var vote = judge.Votes[votes[n]];
            voters[n] = vote.Ballot.VoterId;
            keys[n] = vote.Command.IdempotencyKey!;
        }
        batch.BatchCommands.Add(PostgresValues.Command(FindKeysSql,
            PostgresValues.Array(voters, NpgsqlDbType.Text),
            PostgresValues.Array(keys, NpgsqlDbType.Text)));
    }

    private static void ReadKeys(NpgsqlDataReader reader, BatchJudge judge)
    {
        while (reader.Read())
        {
            judge.Found(new StoredKey(
                new VoterKey(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                new VoteReceipt(
                    reader.GetGuid(3),
                    reader.GetGuid(4),
                    reader.GetInt32(5),
                    PostgresValues.TextOrNull(reader, 6),
                    PostgresValues.Time(reader.GetInt64(7)),
                    reader.GetInt64(8))));
        }
    }
}
