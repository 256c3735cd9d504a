using Npgsql;
using NpgsqlTypes;
using Tally.Domain.Polls;

namespace Tally.Ledger.Postgres;

/// <summary>Reads polls with their options and regions, several at once, in one round trip.</summary>
internal static class PostgresPollRows
{
    // ORDER BY before the lock: rows are locked in poll id order, the same in every transaction.
    private const string PollsSql = """
        SELECT poll_id, owner_id, title, description, start_time, end_time, results_visibility, allow_vote_change, created_at, closed_at
        FROM polls WHERE poll_id = ANY($1) ORDER BY poll_id
        """;

    private const string OptionsSql = "SELECT poll_id, option_id, text FROM poll_options WHERE poll_id = ANY($1) ORDER BY poll_id, option_id";

    private const string RegionsSql = "SELECT poll_id, region FROM poll_regions WHERE poll_id = ANY($1) ORDER BY poll_id, position";

    /// <summary>Adds the three reads to <paramref name="batch"/>; read their results with <see cref="ReadAsync"/>.</summary>
    public static void Add(NpgsqlBatch batch, Guid[] pollIds, PollLock mode)
    {
        var polls = mode switch
        {
            PollLock.Share => PollsSql + " FOR SHARE",
            PollLock.Update => PollsSql + " FOR NO KEY UPDATE",
            _ => PollsSql,
        };
        batch.BatchCommands.Add(PostgresValues.Command(polls, PostgresValues.Array(pollIds, NpgsqlDbType.Uuid)));
        batch.BatchCommands.Add(PostgresValues.Command(OptionsSql, PostgresValues.Array(pollIds, NpgsqlDbType.Uuid)));
        batch.BatchCommands.Add(PostgresValues.Command(RegionsSql, PostgresValues.Array(pollIds, NpgsqlDbType.Uuid)));
    }

    /// <summary>Reads the results of <see cref="Add"/>; <paramref name="reader"/> is positioned on the polls' result.</summary>
    public static Task<Dictionary<Guid, Poll>> ReadAsync(NpgsqlDataReader reader, CancellationToken ct) =>
        ReadAsync(reader, async: true, ct).AsTask();

    /// <summary><see cref="ReadAsync(NpgsqlDataReader, CancellationToken)"/>, blocking (for the group-commit thread).</summary>
    public static Dictionary<Guid, Poll> Read(NpgsqlDataReader reader)
    {
        var reading = ReadAsync(reader, async: false, CancellationToken.None);
        // With async: false nothing is awaited that is not already complete.
        return reading.IsCompleted ? reading.Result : throw new InvalidOperationException("A synchronous read did not complete synchronously.");
    }

    // One body for both: Npgsql's own pattern for code that must serve blocking and asynchronous callers alike.
    private static async ValueTask<Dictionary<Guid, Poll>> ReadAsync(NpgsqlDataReader reader, bool async, CancellationToken ct)
    {
        var rows = new List<PollRow>();
        while (async ? await reader.ReadAsync(ct).ConfigureAwait(false) : reader.Read())
        {
            rows.Add(new PollRow(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                PostgresValues.TextOrNull(reader, 3),
                PostgresValues.TimeOrNull(reader, 4),
                PostgresValues.TimeOrNull(reader, 5),
                new PollSettings(Enum.Parse<ResultsVisibility>(reader.GetString(6)), reader.GetBoolean(7)),
                PostgresValues.Time(reader.GetInt64(8)),
                PostgresValues.TimeOrNull(reader, 9)));
        }
        var options = new Dictionary<Guid, List<PollOption>>(rows.Count);
        var regions = new Dictionary<Guid, List<string>>(rows.Count);
        foreach (var row in rows)
        {
            options[row.Id] = [];
            regions[row.Id] = [];
        }
        _ = async ? await reader.NextResultAsync(ct).ConfigureAwait(false) : reader.NextResult();
        while (async ? await reader.ReadAsync(ct).ConfigureAwait(false) : reader.Read())
        {
            options[reader.GetGuid(0)].Add(new PollOption(reader.GetInt32(1), reader.GetString(2)));
        }
        _ = async ? await reader.NextResultAsync(ct).ConfigureAwait(false) : reader.NextResult();
        while (async ? await reader.ReadAsync(ct).ConfigureAwait(false) : reader.Read())
        {
            regions[reader.GetGuid(0)].Add(reader.GetString(1));
        }
        var polls = new Dictionary<Guid, Poll>(rows.Count);
        foreach (var r in rows)
        {
            polls[r.Id] = new Poll(r.Id, r.OwnerId, r.Title, r.Description, options[r.Id], regions[r.Id],
                r.StartTime, r.EndTime, r.Settings, r.CreatedAt, r.ClosedAt);
        }
        return polls;
    }

    /// <summary>One poll, read (and locked as asked) in its own round trip.</summary>
    public static async Task<Poll?> ReadOneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid pollId, PollLock mode, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        Add(batch, [pollId], mode);
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return (await ReadAsync(reader, ct).ConfigureAwait(false)).GetValueOrDefault(pollId);
    }

    private sealed record PollRow(
        Guid Id, string OwnerId, string Title, string? Description, DateTimeOffset? StartTime, DateTimeOffset? EndTime,
        PollSettings Settings, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);
}
