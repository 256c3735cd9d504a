using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;

namespace Tally.Bench.Naive;

/// <summary>
/// The naive server's tables and SQL, the same for SQLite and PostgreSQL; a backend only says how to connect,
/// how its id column is declared, and whether writers must take turns.
/// </summary>
public abstract class NaiveStore : IAsyncDisposable
{
    /// <summary>Open sessions at most, like a connection pool's size; requests beyond it wait for one.</summary>
    public const int MaxSessions = 64;

    private const string InsertPollSql = """
        INSERT INTO naive_polls (poll_id, title, options, regions) VALUES (@poll_id, @title, @options, @regions)
        ON CONFLICT (poll_id) DO NOTHING
        """;

    private const string SelectPollsSql = "SELECT poll_id, title, options, regions FROM naive_polls";

    // One statement generates the rows; WHERE true keeps SQLite from reading ON CONFLICT as a join's ON.
    private const string SeedVotesSql = """
        WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < @count)
        INSERT INTO naive_votes (vote_id, poll_id, voter_id, option_id, region, idempotency_key, recorded_at)
        SELECT 'seed-' || i, @poll_id, 'seed:' || i, (i % @options) + 1, @region, NULL, @recorded_at FROM seq WHERE true
        ON CONFLICT (poll_id, voter_id) DO NOTHING
        """;

    private readonly ConcurrentBag<NaiveSession> _idle = [];
    private readonly SemaphoreSlim _sessions = new(MaxSessions, MaxSessions);
    private readonly SemaphoreSlim? _writers;

    /// <param name="oneWriter">True when the database has a single writer lock (SQLite): writers queue here instead of in its busy handler's sleeps.</param>
    protected NaiveStore(bool oneWriter)
    {
        _writers = oneWriter ? new SemaphoreSlim(1, 1) : null;
    }

    public abstract string Name { get; }

    protected abstract DbConnection CreateConnection();

    /// <summary>How the table's row id (the receipt's sequence) is declared.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>Statements run once before the schema (e.g. the journal mode).</summary>
    protected virtual string? DatabaseSetup => null;

    /// <summary>Statements run on every new connection (e.g. durability pragmas).</summary>
    protected virtual string? ConnectionSetup => null;

    private string Schema => $"""
        CREATE TABLE IF NOT EXISTS naive_polls (
            poll_id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            options TEXT NOT NULL,
            regions TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS naive_votes (
            id {IdColumn},
            vote_id TEXT NOT NULL,
            poll_id TEXT NOT NULL REFERENCES naive_polls (poll_id),
            voter_id TEXT NOT NULL,
            option_id INTEGER NOT NULL,
            region TEXT,
            idempotency_key TEXT,
            recorded_at BIGINT NOT NULL,
            UNIQUE (poll_id, voter_id));
        """;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        foreach (var sql in new[] { DatabaseSetup, Schema })
        {
            if (sql is not null)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    public async Task<IReadOnlyList<NaivePoll>> LoadPollsAsync(CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectPollsSql;
        var polls = new List<NaivePoll>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            polls.Add(new NaivePoll(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                JsonSerializer.Deserialize(reader.GetString(2), NaiveJson.Default.StringArray) ?? [],
                JsonSerializer.Deserialize(reader.GetString(3), NaiveJson.Default.StringArray) ?? []));
        }
        return polls;
    }

    public async Task CreatePollAsync(NaivePoll poll, CancellationToken ct)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = InsertPollSql;
        NaiveSession.Parameter(command, "poll_id", DbType.String, poll.Id.ToString());
        NaiveSession.Parameter(command, "title", DbType.String, poll.Title);
        NaiveSession.Parameter(command, "options", DbType.String, JsonSerializer.Serialize(poll.Options, NaiveJson.Default.StringArray));
        NaiveSession.Parameter(command, "regions", DbType.String, JsonSerializer.Serialize(poll.Regions, NaiveJson.Default.StringArray));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Bulk-inserts voters seed:1…seed:<paramref name="count"/> into the poll by SQL, spread evenly over its options.</summary>
    /// <returns>How long the insert took.</returns>
    public async Task<TimeSpan> SeedVotesAsync(NaivePoll poll, long count, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await using var connection = CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SeedVotesSql;
        command.CommandTimeout = 0;
        NaiveSession.Parameter(command, "count", DbType.Int64, count);
        NaiveSession.Parameter(command, "poll_id", DbType.String, poll.Id.ToString());
        NaiveSession.Parameter(command, "options", DbType.Int32, poll.Options.Length);
        NaiveSession.Parameter(command, "region", DbType.String, poll.Regions.FirstOrDefault());
        NaiveSession.Parameter(command, "recorded_at", DbType.Int64, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <returns>The receipt's sequence (the row id), or null when the voter already voted in the poll.</returns>
    public async Task<long?> InsertVoteAsync(NaiveVote vote, CancellationToken ct)
    {
        if (_writers is not null)
        {
            await _writers.WaitAsync(ct);
        }
        try
        {
            return await WithSessionAsync(session => session.InsertAsync(vote, ct), ct);
        }
        finally
        {
            _writers?.Release();
        }
    }

    public Task<List<OptionCount>> CountVotesAsync(Guid pollId, CancellationToken ct) =>
        WithSessionAsync(session => session.CountAsync(pollId, ct), ct);

    private async Task<T> WithSessionAsync<T>(Func<NaiveSession, Task<T>> use, CancellationToken ct)
    {
        await _sessions.WaitAsync(ct);
        try
        {
            var session = _idle.TryTake(out var idle) ? idle : await NaiveSession.OpenAsync(CreateConnection(), ConnectionSetup, ct);
            try
            {
                var result = await use(session);
                _idle.Add(session);
                return result;
            }
            catch
            {
                // A session that failed mid-statement may be in any state; close it rather than lend it out again.
                await session.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _sessions.Release();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var session))
        {
            await session.DisposeAsync();
        }
        _sessions.Dispose();
        _writers?.Dispose();
        GC.SuppressFinalize(this);
    }
}
