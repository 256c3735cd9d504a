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

    public async Task<long> LatestEpochAsync(CancellationToken ct)
    {
        // A sequence's row is not transactional: it shows the last value any session took, committed or not. Before the
        // first nextval (is_called false) it holds the start value, which nobody has been handed yet.
        await using var command = new NpgsqlCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM projector_epochs", session);
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
}
