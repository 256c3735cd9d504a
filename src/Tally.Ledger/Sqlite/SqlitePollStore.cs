using Microsoft.Data.Sqlite;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqlitePollStore(SqliteLedgerDatabase database, SqliteEventAppender events, TimeProvider clock) : IPollStore
{
    public Task<long> CreateAsync(Poll poll, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        var connection = transaction.Connection!;
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO polls (poll_id, owner_id, title, description, start_time, end_time, results_visibility, allow_vote_change, created_at)
                VALUES ($id, $owner, $title, $description, $start, $end, $visibility, $allow_change, $created_at)
                """;
            insert.Parameters.AddWithValue("$id", poll.Id.ToString());
            insert.Parameters.AddWithValue("$owner", poll.OwnerId);
            insert.Parameters.AddWithValue("$title", poll.Title);
            insert.Parameters.AddWithValue("$description", SqliteValues.TextOrNull(poll.Description));
            insert.Parameters.AddWithValue("$start", SqliteValues.TimeOrNull(poll.StartTime));
            insert.Parameters.AddWithValue("$end", SqliteValues.TimeOrNull(poll.EndTime));
            insert.Parameters.AddWithValue("$visibility", poll.Settings.ResultsVisibility.ToString());
            insert.Parameters.AddWithValue("$allow_change", poll.Settings.AllowVoteChange ? 1 : 0);
            insert.Parameters.AddWithValue("$created_at", SqliteValues.Time(poll.CreatedAt));
            insert.ExecuteNonQuery();
        }
        using (var option = connection.CreateCommand())
        {
            option.Transaction = transaction;
            option.CommandText = "INSERT INTO poll_options (poll_id, option_id, text) VALUES ($poll, $id, $text)";
            option.Parameters.AddWithValue("$poll", poll.Id.ToString());
            var id = option.Parameters.Add("$id", SqliteType.Integer);
            var text = option.Parameters.Add("$text", SqliteType.Text);
            foreach (var o in poll.Options)
            {
                id.Value = o.Id;
                text.Value = o.Text;
                option.ExecuteNonQuery();
            }
        }
        using (var region = connection.CreateCommand())
        {
            region.Transaction = transaction;
            region.CommandText = "INSERT INTO poll_regions (poll_id, position, region) VALUES ($poll, $position, $region)";
            region.Parameters.AddWithValue("$poll", poll.Id.ToString());
            var position = region.Parameters.Add("$position", SqliteType.Integer);
            var name = region.Parameters.Add("$region", SqliteType.Text);
            for (var i = 0; i < poll.Regions.Count; i++)
            {
                position.Value = i;
                name.Value = poll.Regions[i];
                region.ExecuteNonQuery();
            }
        }
        SqliteAudit.Write(transaction, poll.CreatedAt, poll.OwnerId, "poll_created", poll.Id);
        return events.Append(transaction, new PollCreated(poll), poll.CreatedAt);
    }, ct);

    public Task<Poll?> FindAsync(Guid pollId, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        return Task.FromResult(Read(connection, null, pollId));
    }

    public Task<Outcome<ClosedPoll>> CloseAsync(Guid pollId, string closedBy, CancellationToken ct) =>
        database.WriteAsync<Outcome<ClosedPoll>>(transaction =>
        {
            var at = clock.GetUtcNow();
            var verdict = CloseJudge.Judge(Read(transaction.Connection!, transaction, pollId), closedBy, at);
            if (verdict.Refusal is { } refusal)
            {
                return refusal;
            }
            // Closed already: nothing is written, and the head covers whatever closed it.
            var sequence = database.LastSequence;
            if (verdict.Event is { } closing)
            {
                using (var update = transaction.Connection!.CreateCommand())
                {
                    update.Transaction = transaction;
                    update.CommandText = "UPDATE polls SET closed_at = $at WHERE poll_id = $id AND closed_at IS NULL";
                    update.Parameters.AddWithValue("$at", SqliteValues.Time(at));
                    update.Parameters.AddWithValue("$id", pollId.ToString());
                    update.ExecuteNonQuery();
                }
                SqliteAudit.Write(transaction, at, closedBy, "poll_closed", pollId);
                sequence = events.Append(transaction, closing, at);
            }
            return Outcome<ClosedPoll>.Ok(new ClosedPoll(verdict.Poll!, sequence));
        }, ct);

    internal static Poll? Read(SqliteConnection connection, SqliteTransaction? transaction, Guid pollId)
    {
        using var command = PrepareRead(connection);
        command.Transaction = transaction;
        return Read(command, pollId);
    }

    /// <summary>A command for <see cref="Read(SqliteCommand, Guid)"/>: kept by a caller that reads polls often, its statements are parsed once.</summary>
    internal static SqliteCommand PrepareRead(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = """
            SELECT owner_id, title, description, start_time, end_time, results_visibility, allow_vote_change, created_at, closed_at
            FROM polls WHERE poll_id = $id;
            SELECT option_id, text FROM poll_options WHERE poll_id = $id ORDER BY option_id;
            SELECT region FROM poll_regions WHERE poll_id = $id ORDER BY position;
            """;
        command.Parameters.Add(new SqliteParameter("$id", null));
        return command;
    }

    internal static Poll? Read(SqliteCommand read, Guid pollId)
    {
        read.Parameters[0].Value = pollId.ToString();
        using var reader = read.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var ownerId = reader.GetString(0);
        var title = reader.GetString(1);
        var description = reader.IsDBNull(2) ? null : reader.GetString(2);
        DateTimeOffset? start = reader.IsDBNull(3) ? null : SqliteValues.ReadTime(reader.GetString(3));
        DateTimeOffset? end = reader.IsDBNull(4) ? null : SqliteValues.ReadTime(reader.GetString(4));
        var settings = new PollSettings(Enum.Parse<ResultsVisibility>(reader.GetString(5)), reader.GetInt64(6) != 0);
        var createdAt = SqliteValues.ReadTime(reader.GetString(7));
        DateTimeOffset? closedAt = reader.IsDBNull(8) ? null : SqliteValues.ReadTime(reader.GetString(8));
        var options = new List<PollOption>();
        reader.NextResult();
        while (reader.Read())
        {
            options.Add(new PollOption(reader.GetInt32(0), reader.GetString(1)));
        }
        var regions = new List<string>();
        reader.NextResult();
        while (reader.Read())
        {
            regions.Add(reader.GetString(0));
        }
        return new Poll(pollId, ownerId, title, description, options, regions, start, end, settings, createdAt, closedAt);
    }
}
