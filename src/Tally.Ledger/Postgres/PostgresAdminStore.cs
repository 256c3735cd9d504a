using Tally.Domain.Events;
using Tally.Ledger.Admins;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Postgres;

public sealed class PostgresAdminStore(PostgresLedgerDatabase database, TimeProvider clock) : IAdminStore
{
    public async Task<bool> IsGrantedAsync(string voterId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("SELECT 1 FROM admin_grants WHERE voter_id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(PostgresValues.Text(voterId));
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    public async Task<IReadOnlyList<AdminGrant>> ListAsync(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT voter_id, granted_by, granted_at FROM admin_grants WHERE revoked_at IS NULL ORDER BY granted_at, voter_id");
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var grants = new List<AdminGrant>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            grants.Add(new AdminGrant(reader.GetString(0), reader.GetString(1), PostgresValues.Time(reader.GetInt64(2))));
        }
        return grants;
    }

    public Task<long?> GrantAsync(string voterId, string grantedBy, CancellationToken ct) =>
        ChangeAsync(voterId, grantedBy, """
            INSERT INTO admin_grants (voter_id, granted_by, granted_at) VALUES ($1, $2, $3)
            ON CONFLICT (voter_id) DO UPDATE SET granted_by = excluded.granted_by, granted_at = excluded.granted_at,
                revoked_by = NULL, revoked_at = NULL
            WHERE admin_grants.revoked_at IS NOT NULL
            """, "admin_granted", at => new AdminGranted(voterId, grantedBy, at), ct);

    public Task<long?> RevokeAsync(string voterId, string revokedBy, CancellationToken ct) =>
        ChangeAsync(voterId, revokedBy,
            "UPDATE admin_grants SET revoked_by = $2, revoked_at = $3 WHERE voter_id = $1 AND revoked_at IS NULL",
            "admin_revoked", at => new AdminRevoked(voterId, revokedBy, at), ct);

    /// <summary>
    /// Runs the grant's change; only when it changed a row does it append the audit row and the event. The token bounds only
    /// getting a connection: a started change runs to its commit, as every ledger write does.
    /// </summary>
    private Task<long?> ChangeAsync(string voterId, string actor, string sql, string action, Func<DateTimeOffset, LedgerEvent> toEvent, CancellationToken ct) =>
        database.WriteAsync<long?>(async write =>
        {
            var at = clock.GetUtcNow();
            await using (var change = write.CreateBatch())
            {
                change.BatchCommands.Add(PostgresValues.Command(sql,
                    PostgresValues.Text(voterId), PostgresValues.Text(actor), PostgresValues.Instant(at)));
                await change.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                if (change.BatchCommands[0].RecordsAffected == 0)
                {
                    return null;
                }
            }
            await using var append = write.CreateBatch();
            append.BatchCommands.Add(PostgresAudit.Insert(at, actor, action, detail: voterId));
            return await PostgresEventAppender.AppendOneAsync(write, append, toEvent(at), at, CancellationToken.None).ConfigureAwait(false);
        }, ct);
}
