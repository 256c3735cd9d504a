using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.Judging;

namespace Tally.Ledger.Postgres;

/// <summary>
/// One group-commit transaction on PostgreSQL: reads the rows <see cref="BatchJudge"/> needs, runs the inserts it asks
/// for, and appends the accepted votes' events and keys, in three round trips.
/// </summary>
/// <remarks>
/// Synchronous on purpose: it runs on the group-commit thread, which has nothing else to do while it waits. Awaiting each
/// of the round trips instead queues every continuation behind the request work in the thread pool, and the batch
/// (and every vote in it) waits its turn there several times over.
/// Round trips: (1) the batch's idempotency keys and polls, the polls share-locked; (2) one statement inserting the votes
/// (ON CONFLICT on the live-vote index) and, for those that went in, taking their sequences from event_head and inserting
/// their events and keys; then COMMIT. The statement writes an event exactly for each vote row it inserted, so the
/// judge's verdicts stay the judge's: it only learns afterwards which went in. A round that is not the judge's last (a
/// key two votes of the batch claim for different ballots, rarely) inserts votes only, and the last appends for all.
/// A refused vote writes nothing, so it never fails its neighbours; anything that breaks the transaction is retried vote
/// by vote by the batcher. Stages: the statement's time is the <see cref="BatchStages.Insert"/> stage (it is the
/// append too); <see cref="BatchStages.Append"/> is not recorded.
/// </remarks>
internal static class PostgresVoteBatch
{
    // One primary-key probe per key, and one for its vote, whatever the statistics say. Written as joins, the statement is
    // prepared once and its plan kept: on a fresh ledger that plan is a hash join over a sequential scan of the (then
    // empty) table, and it stays that way as the table grows until autovacuum's first ANALYZE. LIMIT 1 keeps the laterals
    // from being flattened.
    internal const string FindKeysSql = """
        SELECT k.voter_id, k.key, k.fingerprint, k.vote_id, v.poll_id, v.option_id, v.region, v.timestamp, k.sequence
        FROM unnest($1::text[], $2::text[]) AS wanted(voter_id, key)
        CROSS JOIN LATERAL (
            SELECT * FROM idempotency_keys i WHERE i.voter_id = wanted.voter_id AND i.key = wanted.key LIMIT 1) AS k
        CROSS JOIN LATERAL (
            SELECT * FROM vote_records r WHERE r.vote_id = k.vote_id LIMIT 1) AS v
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

    // The accepted votes are those accepted in earlier rounds and those this insert put in, numbered in batch order.
    // event_head is updated only once the insert is over (its count needs every inserted row), so its row lock is taken
    // after any wait on other transactions' index entries, as PostgresEventAppender requires.
    internal const string InsertVotesAndAppendSql = $"""
        WITH inserted AS ({InsertVotesSql}),
        accepted AS (
            SELECT a.*, row_number() OVER (ORDER BY a.ordinal) AS n, count(*) OVER () AS total
            FROM unnest($9::uuid[], $10::boolean[], $11::text[], $12::uuid[], $13::jsonb[], $14::text[], $15::text[], $16::text[])
                WITH ORDINALITY AS a(vote_id, earlier, type, poll_id, payload, voter_id, key, fingerprint, ordinal)
            WHERE a.earlier OR a.vote_id IN (SELECT vote_id FROM inserted)),
        head AS (
            UPDATE event_head SET last_sequence = last_sequence + (SELECT count(*) FROM accepted)
            WHERE EXISTS (SELECT FROM accepted)
            RETURNING last_sequence),
        appended AS (
            INSERT INTO events (sequence, type, poll_id, payload, recorded_at)
            SELECT h.last_sequence - a.total + a.n, a.type, a.poll_id, a.payload, $1 FROM head h, accepted a),
        keys AS (
            INSERT INTO idempotency_keys (voter_id, key, fingerprint, vote_id, sequence)
            SELECT a.voter_id, a.key, a.fingerprint, a.vote_id, h.last_sequence - a.total + a.n
            FROM head h, accepted a WHERE a.key IS NOT NULL)
        SELECT (SELECT last_sequence FROM head), array(SELECT vote_id FROM inserted)
        """;

    public static Outcome<VoteReceipt>[] Write(PostgresWrite write, BatchJudge judge, TimeProvider clock, PostgresBatchTrace trace)
    {
        ReadKeysAndPolls(write, judge);
        trace.RoundTrip();
        trace.Lap(BatchStages.Read);
        var appended = false;
        // Read once the polls are share-locked: a close committed before now is seen (and refuses these votes whatever
        // this clock says), and a close still to come waits for this commit and reads its own time after.
        for (var inserts = judge.FirstRound(clock.GetUtcNow()); inserts.Count > 0; inserts = judge.NextRound())
        {
            appended = judge.LastRound;
            Insert(write, judge, inserts, appended ? judge.Accepted() : null);
            trace.RoundTrip();
            if (judge.LostWithKey() is { Count: > 0 } lost)
            {
                // A new statement sees what other nodes committed while the insert waited for them.
                using var batch = write.CreateBatch();
                AddFindKeys(batch, judge, lost);
                using var reader = batch.ExecuteReader();
                ReadKeys(reader, judge);
                trace.RoundTrip();
            }
        }
        var accepted = judge.Accepted();
        if (accepted.Count > 0 && !appended)
        {
            // The last round inserted nothing (its votes were all answered otherwise): the earlier rounds' votes still need their events.
            Insert(write, judge, [], accepted);
            trace.RoundTrip();
        }
        trace.Lap(BatchStages.Insert);
        var first = (write.LastSequence ?? 0) - accepted.Count + 1;
        for (var n = 0; n < accepted.Count; n++)
        {
            write.Appended.Add(first + n, judge.Now, judge.Cast(accepted[n]));
        }
        return judge.Outcomes(first);
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

    /// <summary>
    /// Inserts the round's votes and tells the judge which went in. With <paramref name="earlier"/> (the votes accepted
    /// in earlier rounds), in the same statement appends the events and keys of those and of this round's that went in.
    /// </summary>
    private static void Insert(PostgresWrite write, BatchJudge judge, IReadOnlyList<int> inserts, IReadOnlyList<int>? earlier)
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
        var command = PostgresValues.Command(earlier is null ? InsertVotesSql : InsertVotesAndAppendSql,
            PostgresValues.Instant(judge.Now),
            PostgresValues.Array(voteIds, NpgsqlDbType.Uuid),
            PostgresValues.Array(pollIds, NpgsqlDbType.Uuid),
            PostgresValues.Array(voterIds, NpgsqlDbType.Text),
            PostgresValues.Array(optionIds, NpgsqlDbType.Integer),
            PostgresValues.Array(regions, NpgsqlDbType.Text),
            PostgresValues.Array(ips, NpgsqlDbType.Text),
            PostgresValues.Array(agents, NpgsqlDbType.Text));
        if (earlier is not null)
        {
            AddAppend(command, judge, inserts, earlier);
        }
        var inserted = new HashSet<Guid>(count);
        using (var batch = write.CreateBatch())
        {
            batch.BatchCommands.Add(command);
            if (earlier is not null)
            {
                // In the same round trip; a batch that appended nothing notifies the head as it was, which wakes no one wrongly.
                batch.BatchCommands.Add(PostgresEventAppender.Notify());
            }
            using var reader = batch.ExecuteReader();
            if (earlier is null)
            {
                while (reader.Read())
                {
                    inserted.Add(reader.GetGuid(0));
                }
            }
            else
            {
                reader.Read();
                if (!reader.IsDBNull(0))
                {
                    write.LastSequence = reader.GetInt64(0);
                }
                inserted.UnionWith(reader.GetFieldValue<Guid[]>(1));
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

    /// <summary>The append's parameters: every vote that may be accepted, in batch order, with its event and key.</summary>
    private static void AddAppend(NpgsqlBatchCommand command, BatchJudge judge, IReadOnlyList<int> inserts, IReadOnlyList<int> earlier)
    {
        var votes = judge.Votes;
        var candidates = new int[earlier.Count + inserts.Count];
        for (var n = 0; n < earlier.Count; n++)
        {
            candidates[n] = earlier[n];
        }
        for (var n = 0; n < inserts.Count; n++)
        {
            candidates[earlier.Count + n] = inserts[n];
        }
        Array.Sort(candidates);
        var count = candidates.Length;
        var events = new EventRows(count);
        var voteIds = new Guid[count];
        var isEarlier = new bool[count];
        var voters = new string[count];
        var keys = new string?[count];
        var fingerprints = new string?[count];
        var earlierSet = earlier.Count > 0 ? new HashSet<int>(earlier) : null;
        for (var n = 0; n < count; n++)
        {
            var i = candidates[n];
            var vote = votes[i];
            events.Add(judge.Cast(i), judge.Now);
            voteIds[n] = vote.VoteId;
            isEarlier[n] = earlierSet?.Contains(i) ?? false;
            voters[n] = vote.Ballot.VoterId;
            if (vote.Command.IdempotencyKey is { } key)
            {
                keys[n] = key;
                fingerprints[n] = vote.Fingerprint;
            }
        }
        command.Parameters.Add(PostgresValues.Array(voteIds, NpgsqlDbType.Uuid));
        command.Parameters.Add(PostgresValues.Array(isEarlier, NpgsqlDbType.Boolean));
        command.Parameters.Add(PostgresValues.Array(events.Types, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresValues.Array(events.PollIds, NpgsqlDbType.Uuid));
        command.Parameters.Add(PostgresValues.Array(events.Payloads, NpgsqlDbType.Jsonb));
        command.Parameters.Add(PostgresValues.Array(voters, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresValues.Array(keys, NpgsqlDbType.Text));
        command.Parameters.Add(PostgresValues.Array(fingerprints, NpgsqlDbType.Text));
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
