using Microsoft.Data.Sqlite;
using Tally.Domain.Events;
using Tally.Ledger.Admins;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteAdminStore(SqliteLedgerDatabase database, SqliteEventAppender events, TimeProvider clock) : IAdminStore
{
    public Task<bool> IsGrantedAsync(string voterId, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM admin_grants WHERE voter_id = $voter AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$voter", voterId);
        return Task.FromResult(command.ExecuteScalar() is not null);
    }

    public Task<IReadOnlyList<AdminGrant>> ListAsync(CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT voter_id, granted_by, granted_at FROM admin_grants WHERE revoked_at IS NULL ORDER BY granted_at, voter_id";
        using var reader = command.ExecuteReader();
        var grants = new List<AdminGrant>();
        while (reader.Read())
        {
            grants.Add(new AdminGrant(reader.GetString(0), reader.GetString(1), SqliteValues.ReadTime(reader.GetString(2))));
        }
        return Task.FromResult<IReadOnlyList<AdminGrant>>(grants);
    }

    public Task<long?> GrantAsync(string voterId, string grantedBy, CancellationToken ct) => database.WriteAsync<long?>(transaction =>
    {
        var at = clock.GetUtcNow();
        // A live grant stays as it is; a missing or revoked one is (re)made.
        var changed = Execute(transaction, """
            INSERT INTO admin_grants (voter_id, granted_by, granted_at) VALUES ($voter, $by, $at)
            ON CONFLICT (voter_id) DO UPDATE SET granted_by = excluded.granted_by, granted_at = excluded.granted_at,
                revoked_by = NULL, revoked_at = NULL
            WHERE admin_grants.revoked_at IS NOT NULL
            """, voterId, grantedBy, at);
        if (!changed)
        {
            return null;
        }
        SqliteAudit.Write(transaction, at, grantedBy, "admin_granted", detail: voterId);
        return events.Append(transaction, new AdminGranted(voterId, grantedBy, at), at);
    }, ct);

    public Task<long?> RevokeAsync(string voterId, string revokedBy, CancellationToken ct) => database.WriteAsync<long?>(transaction =>
    {
        var at = clock.GetUtcNow();
        var changed = Execute(transaction,
            "UPDATE admin_grants SET revoked_by = $by, revoked_at = $at WHERE voter_id = $voter AND revoked_at IS NULL",
            voterId, revokedBy, at);
        if (!changed)
        {
            return null;
        }
        SqliteAudit.Write(transaction, at, revokedBy, "admin_revoked", detail: voterId);
        return events.Append(transaction, new AdminRevoked(voterId, revokedBy, at), at);
    }, ct);

    private static bool Execute(SqliteTransaction transaction, string sql, string voterId, string by, DateTimeOffset at)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$voter", voterId);
        command.Parameters.AddWithValue("$by", by);
        command.Parameters.AddWithValue("$at", SqliteValues.Time(at));
        return command.ExecuteNonQuery() > 0;
    }
}
