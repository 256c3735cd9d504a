using Npgsql;
using Tally.Ledger.Leadership;

namespace Tally.Ledger.Postgres;

/// <summary>One unpooled session that may hold the advisory lock; PostgreSQL releases the lock when the session ends.</summary>
internal sealed class PostgresProjectorLockSession(NpgsqlConnection session) : IProjectorLockSession
{
    public string Holder => $"backend {session.ProcessID}";

    public async Task<bool> TryAcquireAsync(long key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", session);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public async Task<long> NextEpochAsync(long above, CancellationToken ct)
    {
        // The sequence jumps past epochs the views saw from elsewhere (views older than this database), and only up.
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN n > $1 THEN n ELSE setval('projector_epochs', $1 + 1) END FROM nextval('projector_epochs') AS n", session);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = above });
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public async Task CheckAliveAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1", session);
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        await command.ExecuteScalarAsync(deadline.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    // TEMPORARY scaffolding until the ledger helper's branch is merged.
    public Task<long> LatestEpochAsync(CancellationToken ct) => throw new NotSupportedException();
}
