using Tally.Domain.Events;
using Tally.Ledger.Stores;
using Tally.Ledger.Users;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteUserStore(SqliteLedgerDatabase database, SqliteEventAppender events) : IUserStore
{
    public Task<bool> CreateAsync(UserAccount user, CancellationToken ct) => database.WriteAsync(transaction =>
    {
        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO users (user_id, username, password_hash, created_at) VALUES ($id, $username, $hash, $at)
            """;
        insert.Parameters.AddWithValue("$id", user.UserId);
        insert.Parameters.AddWithValue("$username", user.Username);
        insert.Parameters.AddWithValue("$hash", user.PasswordHash);
        insert.Parameters.AddWithValue("$at", SqliteValues.Time(user.CreatedAt));
        if (insert.ExecuteNonQuery() == 0)
        {
            return false;
        }
        SqliteAudit.Write(transaction, user.CreatedAt, user.UserId, "user_registered", detail: user.Username);
        events.Append(transaction, new UserRegistered(user.UserId, user.CreatedAt), user.CreatedAt);
        return true;
    }, ct);

    public Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken ct)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, username, password_hash, created_at FROM users WHERE username = $username";
        command.Parameters.AddWithValue("$username", username);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new UserAccount(reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.ReadTime(reader.GetString(3)))
            : null);
    }
}
