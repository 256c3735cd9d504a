using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteVoteStore : IVoteStore
{
    private readonly SqliteLedgerDatabase _database;
    private readonly SqliteEventAppender _events;
    private readonly TimeProvider _clock;
    private readonly LedgerMetrics _metrics;
    private readonly SqliteStatement _findKey;
    private readonly SqliteStatement _insertVote;
    private readonly SqliteStatement _insertKey;
    private readonly SqliteWriterPolls _polls;

    internal SqliteVoteStore(SqliteLedgerDatabase database, SqliteEventAppender events, TimeProvider clock, LedgerMetrics metrics)
    {
        _database = database;
        _events = events;
        _clock = clock;
        _metrics = metrics;
        // A key points at the vote it was answered with; the answer's poll, option, region and time are that vote's.
        _findKey = database.PrepareOnWriter("""
            SELECT k.fingerprint, k.vote_id, v.poll_id, v.option_id, v.region, v.timestamp, k.sequence
            FROM idempotency_keys k JOIN vote_records v ON v.vote_id = k.vote_id
            WHERE k.voter_id = $voter AND k.key = $key
            """, "$voter", "$key");
        // OR IGNORE: a second live vote for the same (poll, voter) hits the partial unique index and inserts nothing.
        _insertVote = database.PrepareOnWriter("""
            INSERT OR IGNORE INTO vote_records (vote_id, poll_id, voter_id, option_id, region, timestamp, ip_address, user_agent)
            VALUES ($vote, $poll, $voter, $option, $region, $at, $ip, $ua)
            """, "$vote", "$poll", "$voter", "$option", "$region", "$at", "$ip", "$ua");
        _insertKey = database.PrepareOnWriter("""
            INSERT INTO idempotency_keys (voter_id, key, fingerprint, vote_id, sequence)
            VALUES ($voter, $key, $fingerprint, $vote, $sequence)
            """, "$voter", "$key", "$fingerprint", "$vote", "$sequence");
        _polls = new SqliteWriterPolls(database);
    }

    public CommittedDurableLater<Outcome<VoteReceipt>[]> WriteBatch(IReadOnlyList<PendingVote> batch)
    {
        try
        {
            return _database.CommitDurableLater(transaction => Write(transaction, new BatchJudge(batch)), _metrics);
        }
        catch (SqliteException ex) when (RefusedBatch(ex))
        {
            throw new VoteBatchRefusedException(ex);
        }
    }

    /// <summary>What one vote of a batch can bring on itself: a constraint it breaks, a value SQLite will not store.</summary>
    private static bool RefusedBatch(SqliteException ex) =>
        ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_CONSTRAINT or SQLitePCL.raw.SQLITE_TOOBIG or SQLitePCL.raw.SQLITE_MISMATCH;

    /// <summary>Reads what the judge needs, runs the inserts it asks for one by one, then appends the accepted votes' events and keys.</summary>
    private Outcome<VoteReceipt>[] Write(SqliteTransaction transaction, BatchJudge judge)
    {
        var started = Stopwatch.GetTimestamp();
        var votes = judge.Votes;
        FindKeys(judge, judge.KeyedVotes);
        foreach (var pollId in judge.PollIds)
        {
            // In the transaction: the poll may have closed since the last batch.
            if (_polls.Read(transaction, pollId) is { } poll)
            {
                judge.Found(poll);
            }
        }
        var read = Stopwatch.GetTimestamp();
        _metrics.BatchStage(BatchStages.Read, Stopwatch.GetElapsedTime(started, read));
        // Read under the write lock: every vote in this commit is dated after anything committed before it.
        var now = _clock.GetUtcNow();
        for (var inserts = judge.FirstRound(now); inserts.Count > 0; inserts = judge.NextRound())
        {
            foreach (var i in inserts)
            {
                if (Insert(votes[i], now))
                {
                    judge.WentIn(i);
                }
            }
            FindKeys(judge, judge.LostWithKey());
        }
        var inserted = Stopwatch.GetTimestamp();
        _metrics.BatchStage(BatchStages.Insert, Stopwatch.GetElapsedTime(read, inserted));
        var firstSequence = 0L;
        foreach (var i in judge.Accepted())
        {
            var sequence = _events.Append(transaction, judge.Cast(i), now);
            if (firstSequence == 0)
            {
                firstSequence = sequence;
            }
            if (votes[i].Command.IdempotencyKey is { } key)
            {
                _insertKey.Bind(1, votes[i].Ballot.VoterId);
                _insertKey.Bind(2, key);
                _insertKey.Bind(3, votes[i].Fingerprint);
                _insertKey.Bind(4, votes[i].VoteId);
                _insertKey.Bind(5, sequence);
                _insertKey.Execute();
            }
        }
        _metrics.BatchStage(BatchStages.Append, Stopwatch.GetElapsedTime(inserted));
        return judge.Outcomes(firstSequence);
    }

    /// <returns>Whether the vote went in: a second live vote for the same (poll, voter) inserts nothing.</returns>
    private bool Insert(PendingVote vote, DateTimeOffset at)
    {
        var ballot = vote.Ballot;
        _insertVote.Bind(1, vote.VoteId);
        _insertVote.Bind(2, ballot.PollId);
        _insertVote.Bind(3, ballot.VoterId);
        _insertVote.Bind(4, ballot.OptionId);
        _insertVote.Bind(5, ballot.Region);
        _insertVote.Bind(6, at);
        _insertVote.Bind(7, vote.Command.Client.IpAddress);
        _insertVote.Bind(8, vote.Command.Client.UserAgent);
        return _insertVote.Execute() > 0;
    }

    private void FindKeys(BatchJudge judge, IReadOnlyList<int> votes)
    {
        foreach (var i in votes)
        {
            var voterKey = BatchJudge.KeyOf(judge.Votes[i]);
            _findKey.Bind(1, voterKey.VoterId);
            _findKey.Bind(2, voterKey.Key);
            using var row = _findKey.ReadFirst();
            if (row.Found)
            {
                judge.Found(new StoredKey(voterKey, _findKey.Text(0), new VoteReceipt(
                    Guid.Parse(_findKey.Text(1)),
                    Guid.Parse(_findKey.Text(2)),
                    (int)_findKey.Int64(3),
                    _findKey.TextOrNull(4),
                    SqliteValues.ReadTime(_findKey.Text(5)),
                    _findKey.Int64(6))));
            }
        }
    }

    public Task<Outcome<Retraction>> RetractAsync(RetractVote command, CancellationToken ct) =>
        _database.WriteAsync<Outcome<Retraction>>(transaction =>
        {
            var at = _clock.GetUtcNow();
            var connection = transaction.Connection!;
            if (RetractionJudge.Check(SqlitePollStore.Read(connection, transaction, command.PollId), at) is { } refusal)
            {
                return refusal;
            }
            using var find = connection.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = """
                SELECT vote_id, option_id, region FROM vote_records
                WHERE poll_id = $poll AND voter_id = $voter AND is_retracted = 0
                """;
            find.Parameters.AddWithValue("$poll", command.PollId.ToString());
            find.Parameters.AddWithValue("$voter", command.VoterId);
            LiveVote? live = null;
            using (var reader = find.ExecuteReader())
            {
                if (reader.Read())
                {
                    live = new LiveVote(Guid.Parse(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                }
            }
            var verdict = RetractionJudge.Retract(command, live, at);
            if (verdict.Value is not { } retracted)
            {
                return verdict.Rejection!;
            }
            using (var flag = connection.CreateCommand())
            {
                flag.Transaction = transaction;
                flag.CommandText = "UPDATE vote_records SET is_retracted = 1, retracted_at = $at WHERE vote_id = $vote";
                flag.Parameters.AddWithValue("$at", SqliteValues.Time(at));
                flag.Parameters.AddWithValue("$vote", retracted.VoteId.ToString());
                flag.ExecuteNonQuery();
            }
            SqliteAudit.Write(transaction, at, command.VoterId, "vote_retracted", command.PollId, retracted.VoteId,
                command.Client.IpAddress, command.Client.UserAgent, detail: RetractionJudge.AuditDetail(retracted));
            return Outcome<Retraction>.Ok(RetractionJudge.Receipt(retracted, _events.Append(transaction, retracted, at)));
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

    public Task<Outcome<BulkRetraction>> RetractInBulkAsync(RetractVotes command, CancellationToken ct) =>
        _database.WriteAsync<Outcome<BulkRetraction>>(transaction =>
        {
            var key = command.DryRun ? null : command.IdempotencyKey;
            if (key is not null && AdminRequests.Replay(SqliteAdminKeys.Find(transaction, command.AdminId, key), command) is { } replay)
            {
                return replay;
            }
            var at = _clock.GetUtcNow();
            if (RetractionJudge.CheckByAdmin(SqlitePollStore.Read(transaction.Connection!, transaction, command.PollId)) is { } refusal)
            {
                return refusal;
            }
            var selection = command.Selection;
            var rule = new VoteSelectionRule(selection);
            var rows = rule.VoteIds is { } ids
                ? SqliteVoteRows.ReadByIds(transaction, command.PollId, ids)
                : SqliteVoteRows.ReadLive(transaction, command.PollId, selection.From, selection.To, rule.Picks);
            var selected = AdminRetractionJudge.Select(command, rule, rows);
            if (selected.Value is not { } votes)
            {
                return selected.Rejection!;
            }
            if (command.DryRun)
            {
                return Outcome<BulkRetraction>.Ok(AdminRetractionJudge.Answer(command, at, votes, null));
            }
            using var flag = Prepare(transaction.Connection!, """
                UPDATE vote_records SET is_retracted = 1, retracted_at = $at, retracted_by = $by, retraction_reason = $reason
                WHERE vote_id = $vote
                """, "$at", "$by", "$reason", "$vote");
            flag.Transaction = transaction;
            flag.Parameters[0].Value = SqliteValues.Time(at);
            flag.Parameters[1].Value = command.AdminId;
            flag.Parameters[2].Value = command.Reason;
            var sequences = new List<long>(votes.Count);
            foreach (var vote in votes)
            {
                flag.Parameters[3].Value = vote.VoteId.ToString();
                flag.ExecuteNonQuery();
                SqliteAudit.Write(transaction, at, command.AdminId, AdminRetractionJudge.RetractedAction, command.PollId, vote.VoteId,
                    command.Client.IpAddress, command.Client.UserAgent, AdminRetractionJudge.AuditDetail(command.Reason));
                sequences.Add(_events.Append(transaction, AdminRetractionJudge.Retracted(command, vote, at), at));
            }
            var answer = AdminRetractionJudge.Answer(command, at, votes, sequences);
            if (key is not null)
            {
                SqliteAdminKeys.Keep(transaction, command.AdminId, key, AdminRequests.Fingerprint(command), AdminRequests.Encode(answer), at);
            }
            return Outcome<BulkRetraction>.Ok(answer);
        }, ct);

    public Task<Outcome<Reinstatement>> ReinstateAsync(ReinstateVotes command, CancellationToken ct) =>
        _database.WriteAsync<Outcome<Reinstatement>>(transaction =>
        {
            if (command.IdempotencyKey is { } key
                && AdminRequests.Replay(SqliteAdminKeys.Find(transaction, command.AdminId, key), command) is { } replay)
            {
                return replay;
            }
            var at = _clock.GetUtcNow();
            if (RetractionJudge.CheckByAdmin(SqlitePollStore.Read(transaction.Connection!, transaction, command.PollId)) is { } refusal)
            {
                return refusal;
            }
            var rows = SqliteVoteRows.ReadByIds(transaction, command.PollId, command.VoteIds).ToDictionary(v => v.VoteId);
            var live = SqliteVoteRows.LiveVoters(transaction, command.PollId, rows.Values.Select(v => v.VoterId));
            var planned = AdminRetractionJudge.Plan(command, rows, live);
            if (planned.Value is not { } plan)
            {
                return planned.Rejection!;
            }
            using var unflag = Prepare(transaction.Connection!, """
                UPDATE vote_records SET is_retracted = 0, retracted_at = NULL, retracted_by = NULL, retraction_reason = NULL
                WHERE vote_id = $vote
                """, "$vote");
            unflag.Transaction = transaction;
            var sequences = new List<long>(plan.Reinstate.Count);
            foreach (var vote in plan.Reinstate)
            {
                unflag.Parameters[0].Value = vote.VoteId.ToString();
                unflag.ExecuteNonQuery();
                SqliteAudit.Write(transaction, at, command.AdminId, AdminRetractionJudge.ReinstatedAction, command.PollId, vote.VoteId,
                    command.Client.IpAddress, command.Client.UserAgent, AdminRetractionJudge.AuditDetail(command.Reason));
                sequences.Add(_events.Append(transaction, AdminRetractionJudge.Reinstated(command, vote, at), at));
            }
            var answer = AdminRetractionJudge.Answer(command, at, plan, sequences);
            if (command.IdempotencyKey is { } kept)
            {
                SqliteAdminKeys.Keep(transaction, command.AdminId, kept, AdminRequests.Fingerprint(command), AdminRequests.Encode(answer), at);
            }
            return Outcome<Reinstatement>.Ok(answer);
        }, ct);
}
