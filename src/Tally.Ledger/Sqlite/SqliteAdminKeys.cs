using Microsoft.Data.Sqlite;
using Tally.Ledger.Judging;

namespace Tally.Ledger.Sqlite;

/// <summary>Admins' Idempotency-Keys, read and kept inside the write they guard.</summary>
internal static class SqliteAdminKeys
{
    public static StoredAdminKey? Find(SqliteTransaction transaction, string actor, string key)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT fingerprint, answer FROM admin_idempotency_keys WHERE actor = $actor AND key = $key";
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredAdminKey(reader.GetString(0), reader.GetString(1)) : null;
    }

    public static void Keep(SqliteTransaction transaction, string actor, string key, string fingerprint, string answer, DateTimeOffset at)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO admin_idempotency_keys (actor, key, fingerprint, answer, at) VALUES ($actor, $key, $fingerprint, $answer, $at)
            """;
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$fingerprint", fingerprint);
        command.Parameters.AddWithValue("$answer", answer);
        command.Parameters.AddWithValue("$at", SqliteValues.Time(at));
        command.ExecuteNonQuery();
    }
}
