using System.Runtime.CompilerServices;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Sqlite;

public sealed class SqliteVoteExport(SqliteLedgerDatabase database) : IVoteExport
{
    internal const string ReadSql = """
        SELECT e.sequence, v.vote_id, v.voter_id, v.option_id, v.region, v.timestamp, v.ip_address, v.user_agent,
               v.is_retracted, v.retracted_at, v.retracted_by, v.retraction_reason
        FROM events e JOIN vote_records v ON v.vote_id = json_extract(e.payload, '$.vote_id')
        WHERE e.poll_id = $poll AND e.type = 'VoteCast'
        ORDER BY e.sequence
        """;

    /// <remarks>
    /// One read transaction on a reader connection: every row comes from one snapshot of the WAL, however long the caller
    /// takes to write them out. The poll's VoteCast events come in order through events_by_poll, each joined to its row.
    /// </remarks>
    public async IAsyncEnumerable<ExportedVote> ReadVotesAsync(Guid pollId, [EnumeratorCancellation] CancellationToken ct)
    {
        // SQLite's reads block: the caller's thread is left before the first one.
        await Task.Yield();
        using var connection = database.OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$poll", pollId.ToString());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            yield return new ExportedVote(
                reader.GetInt64(0),
                Guid.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                SqliteValues.ReadTime(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt64(8) != 0,
                reader.IsDBNull(9) ? null : SqliteValues.ReadTime(reader.GetString(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11));
        }
    }
}
