using Tally.Ledger.Sessions;

namespace Tally.Ledger.Postgres;

public sealed class PostgresSessionKeyStore(PostgresLedgerDatabase database) : ISessionKeyStore
{
    public IReadOnlyList<SessionKey> ReadAll()
    {
        using var command = database.DataSource.CreateCommand("SELECT name, xml, created_at FROM session_keys ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var keys = new List<SessionKey>();
        while (reader.Read())
        {
            keys.Add(new SessionKey(reader.GetString(0), reader.GetString(1), PostgresValues.Time(reader.GetInt64(2))));
        }
        return keys;
    }

    public bool Add(SessionKey key)
    {
        using var insert = database.DataSource.CreateCommand(
            "INSERT INTO session_keys (name, xml, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING");
        insert.Parameters.Add(PostgresValues.Text(key.Name));
        insert.Parameters.Add(PostgresValues.Text(key.Xml));
        insert.Parameters.Add(PostgresValues.Instant(key.CreatedAt));
        return insert.ExecuteNonQuery() == 1;
    }
}
