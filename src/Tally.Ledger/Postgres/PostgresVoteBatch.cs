using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Postgres;

/// <summary>
/// One group-commit transaction: a batch of votes written with a handful of round trips, each vote getting exactly the
/// outcome it would get if the votes were written one by one in batch order (as the embedded ledger does).
/// </summary>
/// <remarks>
/// Synchronous on purpose: it runs on the group-commit thread, which has nothing else to do while it waits. Awaiting each
/// of the round trips instead queues every continuation behind the request work in the thread pool, and the batch
/// (and every vote in it) waits its turn there several times over.
/// Round trips: (1) the batch's idempotency keys and polls, the polls share-locked; (2) one multi-row insert of the votes,
/// ON CONFLICT on the live-vote index; (3) event_head, the events and the new keys; then COMMIT. A refused vote writes
/// nothing, so it never fails its neighbours; anything that breaks the transaction is retried vote by vote by the store.
/// </remarks>
internal sealed class PostgresVoteBatch
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

    private readonly PendingVote[] _votes;
    private readonly Outcome<VoteReceipt>?[] _outcomes;

    /// <summary>For a vote answered with the receipt of a vote accepted in this same transaction: that vote's index; else -1.</summary>
    private readonly int[] _replayOf;

    private readonly bool[] _accepted;

    /// <summary>Keys committed by earlier transactions.</summary>
    private readonly Dictionary<VoterKey, StoredKey> _storedKeys = [];

    /// <summary>Keys taken by votes accepted in this transaction, and by which.</summary>
    private readonly Dictionary<VoterKey, int> _claimedKeys = [];

    private Dictionary<Guid, Poll> _polls = [];
    private DateTimeOffset _now;

    public PostgresVoteBatch(PendingVote[] votes)
    {
        _votes = votes;
        _outcomes = new Outcome<VoteReceipt>?[votes.Length];
        _replayOf = new int[votes.Length];
        System.Array.Fill(_replayOf, -1);
        _accepted = new bool[votes.Length];
    }

    public Outcome<VoteReceipt>[] Write(PostgresWrite write, TimeProvider clock)
    {
        ReadKeysAndPolls(write);
        // Read once the polls are share-locked: a close committed before now is seen (and refuses these votes whatever
        // this clock says), and a close still to come waits for this commit and reads its own time after.
        _now = clock.GetUtcNow();
        var pending = new List<int>(_votes.Length);
        for (var i = 0; i < _votes.Length; i++)
        {
            pending.Add(i);
        }
        while (pending.Count > 0)
        {
            pending = WriteRound(write, pending);
        }
        AppendEventsAndKeys(write);
        var outcomes = new Outcome<VoteReceipt>[_votes.Length];
        for (var i = 0; i < _votes.Length; i++)
        {
            outcomes[i] = _outcomes[_replayOf[i] >= 0 ? _replayOf[i] : i]
                ?? throw new InvalidOperationException($"Vote {i} of the batch was left without an outcome.");
        }
        return outcomes;
    }

    private void ReadKeysAndPolls(PostgresWrite write)
    {
        var voters = new List<string>();
        var keys = new List<string>();
        var pollIds = new HashSet<Guid>();
        foreach (var vote in _votes)
        {
            if (vote.Command.IdempotencyKey is { } key)
            {
                voters.Add(vote.Ballot.VoterId);
                keys.Add(key);
            }
            pollIds.Add(vote.Ballot.PollId);
        }
        using var batch = write.CreateBatch();
        if (keys.Count > 0)
        {
            AddFindKeys(batch, voters.ToArray(), keys.ToArray());
        }
        PostgresPollRows.Add(batch, pollIds.ToArray(), PollLock.Share);
        using var reader = batch.ExecuteReader();
        if (keys.Count > 0)
        {
            ReadKeys(reader);
            reader.NextResult();
        }
        _polls = PostgresPollRows.Read(reader);
    }

    /// <summary>
    /// Judges <paramref name="pending"/> in order and inserts the votes that pass. Returns the votes still to judge: a round
    /// stops early at a vote whose key another vote of this round took for a different ballot, because whether that
    /// vote is refused (key reused) or judged on its own depends on whether the other vote's insert succeeds.
    /// </summary>
    private List<int> WriteRound(PostgresWrite write, List<int> pending)
    {
        var candidates = new List<int>();
        var roundKeys = new Dictionary<VoterKey, int>();
        var roundPairs = new HashSet<(Guid, string)>();
        var sameBallotAsCandidate = new List<int>();
        var next = new List<int>();
        for (var p = 0; p < pending.Count; p++)
        {
            var i = pending[p];
            var vote = _votes[i];
            var ballot = vote.Ballot;
            if (vote.Command.IdempotencyKey is { } key)
            {
                var voterKey = new VoterKey(ballot.VoterId, key);
                if (_storedKeys.TryGetValue(voterKey, out var stored))
                {
                    _outcomes[i] = AnswerFromKey(vote, stored);
                    continue;
                }
                if (_claimedKeys.TryGetValue(voterKey, out var owner))
                {
                    AnswerFromClaim(i, owner);
                    continue;
                }
                if (roundKeys.TryGetValue(voterKey, out owner))
                {
                    if (_votes[owner].Fingerprint == vote.Fingerprint)
                    {
                        sameBallotAsCandidate.Add(i);
                        continue;
                    }
                    next.AddRange(pending.GetRange(p, pending.Count - p));
                    break;
                }
            }
            if (!_polls.TryGetValue(ballot.PollId, out var poll))
            {
                _outcomes[i] = new Rejection(ErrorCodes.PollNotFound, "No poll has this id.");
                continue;
            }
            if (BallotRules.Check(poll, ballot, _now) is { } rejection)
            {
                _outcomes[i] = rejection;
                continue;
            }
            // A second vote in this batch for a (poll, voter) already being inserted loses, exactly as it would to the
            // unique index one statement later: the first in batch order wins.
            if (!roundPairs.Add((ballot.PollId, ballot.VoterId)))
            {
                _outcomes[i] = AlreadyVoted;
                continue;
            }
            candidates.Add(i);
            if (vote.Command.IdempotencyKey is { } candidateKey)
            {
                roundKeys[new VoterKey(ballot.VoterId, candidateKey)] = i;
            }
        }
        if (candidates.Count > 0)
        {
            InsertVotes(write, candidates);
        }
        foreach (var i in sameBallotAsCandidate)
        {
            var voterKey = new VoterKey(_votes[i].Ballot.VoterId, _votes[i].Command.IdempotencyKey!);
            var owner = roundKeys[voterKey];
            if (_accepted[owner])
            {
                AnswerFromClaim(i, owner);
            }
            else
            {
                // The same ballot as a vote that lost to a live vote: it loses the same way (or replays the key another
                // transaction committed for it meanwhile).
                _outcomes[i] = _storedKeys.TryGetValue(voterKey, out var stored) ? AnswerFromKey(_votes[i], stored) : AlreadyVoted;
            }
        }
        return next;
    }

    private void InsertVotes(PostgresWrite write, List<int> candidates)
    {
        // Inserted in (poll, voter) order: two transactions that would wait on each other's index entries take them in
        // the same order, so they queue instead of deadlocking.
        var ordered = candidates.ToArray();
        System.Array.Sort(ordered, (a, b) =>
        {
            var byPoll = _votes[a].Ballot.PollId.CompareTo(_votes[b].Ballot.PollId);
            return byPoll != 0 ? byPoll : string.CompareOrdinal(_votes[a].Ballot.VoterId, _votes[b].Ballot.VoterId);
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
            var vote = _votes[ordered[n]];
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
                PostgresValues.Instant(_now),
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
        List<int>? lostWithKey = null;
        foreach (var i in candidates)
        {
            var vote = _votes[i];
            if (inserted.Contains(vote.VoteId))
            {
                _accepted[i] = true;
                if (vote.Command.IdempotencyKey is { } key)
                {
                    _claimedKeys[new VoterKey(vote.Ballot.VoterId, key)] = i;
                }
            }
            else if (vote.Command.IdempotencyKey is null)
            {
                _outcomes[i] = AlreadyVoted;
            }
            else
            {
                (lostWithKey ??= []).Add(i);
            }
        }
        if (lostWithKey is not null)
        {
            RecheckKeys(write, lostWithKey);
        }
    }

    /// <summary>
    /// A keyed vote that lost to a live vote may have lost to its own retry, committed by another node after this
    /// transaction first looked for the key (the insert waited for that commit). Looking again, in a new statement,
    /// finds that key: the vote then replays the receipt instead of being refused.
    /// </summary>
    private void RecheckKeys(PostgresWrite write, List<int> lost)
    {
        var voters = new string[lost.Count];
        var keys = new string[lost.Count];
        for (var n = 0; n < lost.Count; n++)
        {
            voters[n] = _votes[lost[n]].Ballot.VoterId;
            keys[n] = _votes[lost[n]].Command.IdempotencyKey!;
        }
        using (var batch = write.CreateBatch())
        {
            AddFindKeys(batch, voters, keys);
            using var reader = batch.ExecuteReader();
            ReadKeys(reader);
        }
        foreach (var i in lost)
        {
            var vote = _votes[i];
            _outcomes[i] = _storedKeys.TryGetValue(new VoterKey(vote.Ballot.VoterId, vote.Command.IdempotencyKey!), out var stored)
                ? AnswerFromKey(vote, stored)
                : AlreadyVoted;
        }
    }

    private void AppendEventsAndKeys(PostgresWrite write)
    {
        var acceptedCount = 0;
        var keyCount = 0;
        for (var i = 0; i < _votes.Length; i++)
        {
            if (_accepted[i])
            {
                acceptedCount++;
                if (_votes[i].Command.IdempotencyKey is not null)
                {
                    keyCount++;
                }
            }
        }
        if (acceptedCount == 0)
        {
            return;
        }
        // Events in batch order; everything is encoded before event_head is locked, so the lock covers only the inserts and COMMIT.
        var events = new EventRows(acceptedCount);
        var voters = new string[keyCount];
        var keys = new string[keyCount];
        var fingerprints = new string[keyCount];
        var voteIds = new Guid[keyCount];
        var pollIds = new Guid[keyCount];
        var optionIds = new int[keyCount];
        var regions = new string?[keyCount];
        var eventOrdinals = new long[keyCount];
        var k = 0;
        for (var i = 0; i < _votes.Length; i++)
        {
            if (!_accepted[i])
            {
                continue;
            }
            var vote = _votes[i];
            var ballot = vote.Ballot;
            events.Add(new VoteCast(vote.VoteId, ballot.PollId, ballot.VoterId, ballot.OptionId, ballot.Region, _now), _now);
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
        long last;
        using (var batch = write.CreateBatch())
        {
            PostgresEventAppender.Add(batch, events);
            if (keyCount > 0)
            {
                batch.BatchCommands.Add(PostgresValues.Command(InsertKeysSql,
                    PostgresValues.Instant(_now),
                    PostgresValues.Bigint(acceptedCount),
                    PostgresValues.Array(voters, NpgsqlDbType.Text),
                    PostgresValues.Array(keys, NpgsqlDbType.Text),
                    PostgresValues.Array(fingerprints, NpgsqlDbType.Text),
                    PostgresValues.Array(voteIds, NpgsqlDbType.Uuid),
                    PostgresValues.Array(pollIds, NpgsqlDbType.Uuid),
                    PostgresValues.Array(optionIds, NpgsqlDbType.Integer),
                    PostgresValues.Array(regions, NpgsqlDbType.Text),
                    PostgresValues.Array(eventOrdinals, NpgsqlDbType.Bigint)));
            }
            last = PostgresEventAppender.Execute(write, batch);
        }
        var sequence = last - acceptedCount;
        for (var i = 0; i < _votes.Length; i++)
        {
            if (_accepted[i])
            {
                var ballot = _votes[i].Ballot;
                _outcomes[i] = Outcome<VoteReceipt>.Ok(
                    new VoteReceipt(_votes[i].VoteId, ballot.PollId, ballot.OptionId, ballot.Region, _now, ++sequence));
            }
        }
    }

    private void AnswerFromClaim(int i, int owner)
    {
        if (_votes[owner].Fingerprint == _votes[i].Fingerprint)
        {
            _replayOf[i] = owner;
        }
        else
        {
            _outcomes[i] = KeyReused;
        }
    }

    private static Outcome<VoteReceipt> AnswerFromKey(PendingVote vote, StoredKey stored) =>
        stored.Fingerprint == vote.Fingerprint ? Outcome<VoteReceipt>.Ok(stored.Receipt) : KeyReused;

    private static void AddFindKeys(NpgsqlBatch batch, string[] voters, string[] keys) =>
        batch.BatchCommands.Add(PostgresValues.Command(FindKeysSql,
            PostgresValues.Array(voters, NpgsqlDbType.Text),
            PostgresValues.Array(keys, NpgsqlDbType.Text)));

    private void ReadKeys(NpgsqlDataReader reader)
    {
        while (reader.Read())
        {
            var receipt = new VoteReceipt(
                reader.GetGuid(3),
                reader.GetGuid(4),
                reader.GetInt32(5),
                PostgresValues.TextOrNull(reader, 6),
                PostgresValues.Time(reader.GetInt64(7)),
                reader.GetInt64(8));
            _storedKeys[new VoterKey(reader.GetString(0), reader.GetString(1))] = new StoredKey(reader.GetString(2), receipt);
        }
    }

    private static Rejection AlreadyVoted => new(ErrorCodes.AlreadyVoted, "You have already voted in this poll.");

    private static Rejection KeyReused => new(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was already used for a different vote.");

    private readonly record struct VoterKey(string VoterId, string Key);

    private sealed record StoredKey(string Fingerprint, VoteReceipt Receipt);
}
