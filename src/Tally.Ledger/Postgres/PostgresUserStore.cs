using Tally.Domain.Events;
using Tally.Ledger.Stores;
using Tally.Ledger.Users;

namespace Tally.Ledger.Postgres;

public sealed class PostgresUserStore(PostgresLedgerDatabase database) : IUserStore
{
    public Task<bool> CreateAsync(UserAccount user, CancellationToken ct) => database.WriteAsync(async write =>
    {
        // A taken username (in any case) hits users_username_key and inserts nothing; a concurrent twin waits, then does the same.
        await using (var insert = write.CreateBatch())
        {
            insert.BatchCommands.Add(PostgresValues.Command("""
                INSERT INTO users (user_id, username, password_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
                """,
                PostgresValues.Text(user.UserId),
                PostgresValues.Text(user.Username),
                PostgresValues.Text(user.PasswordHash),
                PostgresValues.Instant(user.CreatedAt)));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (insert.BatchCommands[0].RecordsAffected == 0)
            {
                return false;
            }
        }
        await using var audit = write.CreateBatch();
        audit.BatchCommands.Add(PostgresAudit.Insert(user.CreatedAt, user.UserId, "user_registered", detail: user.Username));
        await PostgresEventAppender.AppendOneAsync(write, audit, new UserRegistered(user.UserId, user.CreatedAt), user.CreatedAt, ct)
            .ConfigureAwait(false);
        return true;
    }, ct);

    public async Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT user_id, username, password_hash, created_at FROM users WHERE lower(username) = lower($1)");
        command.Parameters.Add(PostgresValues.Text(username));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresValues.Time(reader.GetInt64(3)))
            : null;
    }
}
