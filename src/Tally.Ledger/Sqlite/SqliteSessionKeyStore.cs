using Tally.Ledger.Sessions;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteSessionKeyStore(SqliteLedgerDatabase database) : ISessionKeyStore
{
    public IReadOnlyList<SessionKey> ReadAll()
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, xml, created_at FROM session_keys ORDER BY created_at, name";
        using var reader = command.ExecuteReader();
        var keys = new List<SessionKey>();
        while (reader.Read())
        {
            keys.Add(new SessionKey(reader.GetString(0), reader.GetString(1), SqliteValues.ReadTime(reader.GetString(2))));
        }
        return keys;
    }

    public bool Add(SessionKey key)
    {
        var committed = database.CommitDurableLater(transaction =>
        {
            using var insert = transaction.Connection!.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO session_keys (name, xml, created_at) VALUES ($name, $xml, $at) ON CONFLICT (name) DO NOTHING";
            insert.Parameters.AddWithValue("$name", key.Name);
            insert.Parameters.AddWithValue("$xml", key.Xml);
            insert.Parameters.AddWithValue("$at", SqliteValues.Time(key.CreatedAt));
            return insert.ExecuteNonQuery() == 1;
        });
        // Data Protection uses a key as soon as this returns: it must be on disk by then.
        committed.Durable.GetAwaiter().GetResult();
        return committed.Result;
    }
}
