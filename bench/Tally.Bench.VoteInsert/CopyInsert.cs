using Npgsql;
using NpgsqlTypes;

namespace Tally.Bench.VoteInsert;

/// <summary>
/// Path B, the alternative: binary COPY of the batch into a per-connection temp table, then one INSERT … SELECT from it.
/// Round trips: COPY start (the server must answer CopyInResponse before rows can go), COPY data and done, INSERT, COMMIT.
/// </summary>
public sealed class CopyInsert : IInsertPath
{
    private const string CopySql =
        "COPY vote_staging (vote_id, poll_id, voter_id, option_id, region, ip_address, user_agent) FROM STDIN (FORMAT BINARY)";

    // The same INSERT, ON CONFLICT target and RETURNING as path A; only the source of the rows differs.
    private const string InsertSql = """
        INSERT INTO vote_records (vote_id, poll_id, voter_id, option_id, region, timestamp, ip_address, user_agent)
        SELECT s.vote_id, s.poll_id, s.voter_id, s.option_id, s.region, $1, s.ip_address, s.user_agent
        FROM vote_staging AS s
        ON CONFLICT (poll_id, voter_id) WHERE NOT is_retracted DO NOTHING
        RETURNING vote_id
        """;

    private readonly NpgsqlConnection _connection;

    public CopyInsert(NpgsqlConnection connection)
    {
        _connection = connection;
        // Once per connection, as a real implementation would do when it opens its connection: not part of any batch.
        using var create = new NpgsqlCommand(Schema.CreateStaging, connection);
        create.ExecuteNonQuery();
    }

    public string Name => "B: COPY + INSERT";

    public int Write(VoteRow[] rows, long timestamp)
    {
        using var transaction = _connection.BeginTransaction();
        using (var importer = _connection.BeginBinaryImport(CopySql))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                importer.Write(row.VoteId, NpgsqlDbType.Uuid);
                importer.Write(row.PollId, NpgsqlDbType.Uuid);
                importer.Write(row.VoterId, NpgsqlDbType.Text);
                importer.Write(row.OptionId, NpgsqlDbType.Integer);
                WriteText(importer, row.Region);
                WriteText(importer, row.IpAddress);
                WriteText(importer, row.UserAgent);
            }
            importer.Complete();
        }
        using var command = new NpgsqlCommand(InsertSql, _connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = timestamp });
        var inserted = ReturnedIds.Read(command, rows.Length);
        // COMMIT also empties vote_staging (ON COMMIT DELETE ROWS), a cost that belongs to this path and is timed with it.
        transaction.Commit();
        return inserted;
    }

    private static void WriteText(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }
}
