using Npgsql;

namespace Tally.Bench.VoteInsert;

/// <summary>The server settings that move commit cost most, printed with the figures so a reader knows what they measured.</summary>
public static class ServerInfo
{
    public static string Describe(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            "SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')",
            connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return $"{reader.GetString(0)}; fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, shared_buffers={reader.GetString(3)}";
    }
}
