using Microsoft.Data.Sqlite;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteVoteStore : IVoteStore
{
    private readonly SqliteLedgerDatabase _database;
    private readonly SqliteEventAppender _events;
    private readonly TimeProvider _clock;
    private readonly SqliteCommand _findKey;
    private readonly SqliteCommand _insertVote;
    private readonly SqliteCommand _insertKey;

    internal SqliteVoteStore(SqliteLedgerDatabase database, SqliteEventAppender events, TimeProvider clock)
    {
        _database = database;
        _events = events;
        _clock = clock;
        _findKey = Prepare(database.Writer, """
            SELECT fingerprint, vote_id, poll_id, option_id, region, recorded_at, sequence
            FROM idempotency_keys WHERE voter_id = $voter AND key = $key
            """, "$voter", "$key");
        // OR IGNORE: a second live vote for the same (poll, voter) hits the partial unique index and inserts nothing.
        _insertVote = Prepare(database.Writer, """
            INSERT OR IGNORE INTO vote_records (vote_id, poll_id, voter_id, option_id, region, timestamp, ip_address, user_agent)
            VALUES ($vote, $poll, $voter, $option, $region, $at, $ip, $ua)
            """, "$vote", "$poll", "$voter", "$option", "$region", "$at", "$ip", "$ua");
        _insertKey = Prepare(database.Writer, """
            INSERT INTO idempotency_keys (voter_id, key, fingerprint, vote_id, poll_id, option_id, region, recorded_at, sequence)
            VALUES ($voter, $key, $fingerprint, $vote, $poll, $option, $region, $at, $sequence)
            """, "$voter", "$key", "$fingerprint", "$vote", "$poll", "$option", "$region", "$at", "$sequence");
    }

    public async Task CommitBatchAsync(IReadOnlyList<PendingVote> batch, CancellationToken ct)
    {
        // The caller reuses its list for the next batch while this one waits for the disk.
        var votes = batch.ToArray();
        Committed<Outcome<VoteReceipt>[]> committed;
        try
        {
            committed = await _database.CommitAsync(transaction => Write(transaction, votes, 0, votes.Length), ct).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (votes.Length > 1 && RefusedBatch(ex))
        {
            // Something in the batch broke the transaction. Retry one by one so a single bad vote cannot fail its neighbours.
            // Anything else (a full disk, an I/O error, a lock held too long) would fail each of them again: the batch
            // fails as a whole, at once.
            for (var i = 0; i < votes.Length; i++)
            {
                var index = i;
                try
                {
                    var single = await _database.CommitAsync(transaction => Write(transaction, votes, index, 1), ct).ConfigureAwait(false);
                    _ = CompleteWhenDurableAsync(single, votes.AsMemory(i, 1));
                }
                catch (SqliteException refused) when (RefusedBatch(refused))
                {
                    votes[i].Fail(refused);
                }
                catch (Exception failed)
                {
                    PendingVote.FailFrom(votes.AsSpan(i), failed);
                    return;
                }
            }
            return;
        }
        _ = CompleteWhenDurableAsync(committed, votes);
    }

    /// <summary>What one vote of a batch can bring on itself: a constraint it breaks, a value SQLite will not store.</summary>
    private static bool RefusedBatch(SqliteException ex) =>
        ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT or SQLitePCL.raw.SQLITE_TOOBIG or SQLitePCL.raw.SQLITE_MISMATCH;

    /// <summary>Only once the commit is on disk does anyone hear back.</summary>
    private static async Task CompleteWhenDurableAsync(Committed<Outcome<VoteReceipt>[]> committed, ReadOnlyMemory<PendingVote> votes)
    {
        try
        {
            await committed.Durable.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var vote in votes.Span)
            {
                vote.Fail(ex);
            }
            return;
        }
        for (var i = 0; i < votes.Length; i++)
        {
            votes.Span[i].Complete(committed.Result[i]);
        }
    }

    private Outcome<VoteReceipt>[] Write(SqliteTransaction transaction, IReadOnlyList<PendingVote> batch, int start, int count)
    {
        // Read under the write lock: every vote in this commit is dated after anything committed before it.
        var now = _clock.GetUtcNow();
        var at = SqliteValues.Time(now);
        var outcomes = new Outcome<VoteReceipt>[count];
        var pollStates = new Dictionary<Guid, Poll?>();
        _findKey.Transaction = transaction;
        _insertVote.Transaction = transaction;
        _insertKey.Transaction = transaction;
        for (var i = 0; i < count; i++)
        {
            var vote = batch[start + i];
            var ballot = vote.Ballot;
            var key = vote.Command.IdempotencyKey;
            if (key is not null && FindKey(ballot.VoterId, key) is { } stored)
            {
                outcomes[i] = stored.Fingerprint == vote.Fingerprint
                    ? Outcome<VoteReceipt>.Ok(stored.Receipt)
                    : new Rejection(ErrorCodes.IdempotencyKeyReused, "This Idempotency-Key was already used for a different vote.");
                continue;
            }
            // The poll's state as this transaction sees it: a close committed by anyone before now is honoured.
            if (!pollStates.TryGetValue(ballot.PollId, out var poll))
            {
                poll = SqlitePollStore.Read(transaction.Connection!, transaction, ballot.PollId);
                pollStates[ballot.PollId] = poll;
            }
            if (poll is null)
            {
                outcomes[i] = new Rejection(ErrorCodes.PollNotFound, "No poll has this id.");
                continue;
            }
            if (BallotRules.Check(poll, ballot, now) is { } rejection)
            {
                outcomes[i] = rejection;
                continue;
            }
            var p = _insertVote.Parameters;
            p[0].Value = vote.VoteId.ToString();
            p[1].Value = ballot.PollId.ToString();
            p[2].Value = ballot.VoterId;
            p[3].Value = ballot.OptionId;
            p[4].Value = SqliteValues.TextOrNull(ballot.Region);
            p[5].Value = at;
            p[6].Value = SqliteValues.TextOrNull(vote.Command.Client.IpAddress);
            p[7].Value = SqliteValues.TextOrNull(vote.Command.Client.UserAgent);
            if (_insertVote.ExecuteNonQuery() == 0)
            {
                outcomes[i] = new Rejection(ErrorCodes.AlreadyVoted, "You have already voted in this poll.");
                continue;
            }
            var sequence = _events.Append(transaction,
                new VoteCast(vote.VoteId, ballot.PollId, ballot.VoterId, ballot.OptionId, ballot.Region, now), now);
            var receipt = new VoteReceipt(vote.VoteId, ballot.PollId, ballot.OptionId, ballot.Region, now, sequence);
            if (key is not null)
            {
                var k = _insertKey.Parameters;
                k[0].Value = ballot.VoterId;
                k[1].Value = key;
                k[2].Value = vote.Fingerprint;
                k[3].Value = vote.VoteId.ToString();
                k[4].Value = ballot.PollId.ToString();
                k[5].Value = ballot.OptionId;
                k[6].Value = SqliteValues.TextOrNull(ballot.Region);
                k[7].Value = at;
                k[8].Value = sequence;
                _insertKey.ExecuteNonQuery();
            }
            outcomes[i] = Outcome<VoteReceipt>.Ok(receipt);
        }
        return outcomes;
    }

    private StoredKey? FindKey(string voterId, string key)
    {
        _findKey.Parameters[0].Value = voterId;
        _findKey.Parameters[1].Value = key;
        using var reader = _findKey.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var receipt = new VoteReceipt(
            Guid.Parse(reader.GetString(1)),
            Guid.Parse(reader.GetString(2)),
            reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            SqliteValues.ReadTime(reader.GetString(5)),
            reader.GetInt64(6));
        return new StoredKey(reader.GetString(0), receipt);
    }

    public Task<Outcome<Retraction>> RetractAsync(RetractVote command, CancellationToken ct) =>
        _database.WriteAsync<Outcome<Retraction>>(transaction =>
        {
            var at = _clock.GetUtcNow();
            var connection = transaction.Connection!;
            var poll = SqlitePollStore.Read(connection, transaction, command.PollId);
            if (poll is null)
            {
                return new Rejection(ErrorCodes.PollNotFound, "No poll has this id.");
            }
            if (!poll.IsOpenAt(at))
            {
                return BallotRules.NotActive(poll, at);
            }
            using var find = connection.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = """
                SELECT vote_id, option_id, region FROM vote_records
                WHERE poll_id = $poll AND voter_id = $voter AND is_retracted = 0
                """;
            find.Parameters.AddWithValue("$poll", command.PollId.ToString());
            find.Parameters.AddWithValue("$voter", command.VoterId);
            Guid voteId;
            int optionId;
            string? region;
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return new Rejection(ErrorCodes.VoteNotFound, "You have no live vote in this poll.");
                }
                voteId = Guid.Parse(reader.GetString(0));
                optionId = reader.GetInt32(1);
                region = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
            using (var flag = connection.CreateCommand())
            {
                flag.Transaction = transaction;
                flag.CommandText = "UPDATE vote_records SET is_retracted = 1, retracted_at = $at WHERE vote_id = $vote";
                flag.Parameters.AddWithValue("$at", SqliteValues.Time(at));
                flag.Parameters.AddWithValue("$vote", voteId.ToString());
                flag.ExecuteNonQuery();
            }
            SqliteAudit.Write(transaction, at, command.VoterId, "vote_retracted", command.PollId, voteId,
                command.Client.IpAddress, command.Client.UserAgent, detail: $"option {optionId}");
            var sequence = _events.Append(transaction,
                new VoteRetracted(voteId, command.PollId, command.VoterId, optionId, region, at), at);
            return Outcome<Retraction>.Ok(new Retraction(voteId, command.PollId, optionId, region, at, sequence));
        }, ct);

    public Task<IReadOnlyDictionary<int, long>> CountLiveVotesAsync(Guid pollId, CancellationToken ct)
    {
        using var connection = _database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT option_id, count(*) FROM vote_records WHERE poll_id = $poll AND is_retracted = 0 GROUP BY option_id";
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        var counts = new Dictionary<int, long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return Task.FromResult<IReadOnlyDictionary<int, long>>(counts);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        return command;
    }

    private sealed record StoredKey(string Fingerprint, VoteReceipt Receipt);
}
