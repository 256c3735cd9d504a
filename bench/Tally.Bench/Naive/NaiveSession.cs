using System.Data;
using System.Data.Common;

namespace Tally.Bench.Naive;

/// <summary>
/// One open connection with its two hot statements prepared once: the vote insert and the results count.
/// Used by one request at a time (the store pools sessions).
/// </summary>
public sealed class NaiveSession : IAsyncDisposable
{
    // Autocommit: each vote is its own transaction. The unique (poll_id, voter_id) decides a second vote; no row back means 409.
    private const string InsertVoteSql = """
        INSERT INTO naive_votes (vote_id, poll_id, voter_id, option_id, region, idempotency_key, recorded_at)
        VALUES (@vote_id, @poll_id, @voter_id, @option_id, @region, @idempotency_key, @recorded_at)
        ON CONFLICT (poll_id, voter_id) DO NOTHING
        RETURNING id
        """;

    private const string CountVotesSql = "SELECT option_id, count(*) FROM naive_votes WHERE poll_id = @poll_id GROUP BY option_id";

    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private readonly DbCommand _count;

    private NaiveSession(DbConnection connection, DbCommand insert, DbCommand count)
    {
        _connection = connection;
        _insert = insert;
        _count = count;
    }

    public static async Task<NaiveSession> OpenAsync(DbConnection connection, string? setup, CancellationToken ct)
    {
        await connection.OpenAsync(ct);
        if (setup is not null)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = setup;
            await pragmas.ExecuteNonQueryAsync(ct);
        }
        var insert = connection.CreateCommand();
        insert.CommandText = InsertVoteSql;
        Parameter(insert, "vote_id", DbType.String, "");
        Parameter(insert, "poll_id", DbType.String, "");
        Parameter(insert, "voter_id", DbType.String, "");
        Parameter(insert, "option_id", DbType.Int32, 0);
        Parameter(insert, "region", DbType.String, "");
        Parameter(insert, "idempotency_key", DbType.String, "");
        Parameter(insert, "recorded_at", DbType.Int64, 0L);
        await insert.PrepareAsync(ct);
        var count = connection.CreateCommand();
        count.CommandText = CountVotesSql;
        Parameter(count, "poll_id", DbType.String, "");
        await count.PrepareAsync(ct);
        return new NaiveSession(connection, insert, count);
    }

    /// <returns>The new row's id, or null when the voter already has a vote in the poll.</returns>
    public async Task<long?> InsertAsync(NaiveVote vote, CancellationToken ct)
    {
        var p = _insert.Parameters;
        p[0].Value = vote.VoteId.ToString();
        p[1].Value = vote.PollId.ToString();
        p[2].Value = vote.VoterId;
        p[3].Value = vote.OptionId;
        p[4].Value = (object?)vote.Region ?? DBNull.Value;
        p[5].Value = (object?)vote.IdempotencyKey ?? DBNull.Value;
        p[6].Value = vote.RecordedAt.ToUnixTimeMilliseconds();
        return await _insert.ExecuteScalarAsync(ct) is { } id and not DBNull ? Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async Task<List<OptionCount>> CountAsync(Guid pollId, CancellationToken ct)
    {
        _count.Parameters[0].Value = pollId.ToString();
        var counts = new List<OptionCount>();
        await using var reader = await _count.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts.Add(new OptionCount(reader.GetInt32(0), reader.GetInt64(1)));
        }
        return counts;
    }

    public static DbParameter Parameter(DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _count.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
