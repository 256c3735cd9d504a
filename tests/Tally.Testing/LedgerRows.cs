using System.Data.Common;

namespace Tally.Testing;

/// <summary>What the ledger probes share: reading rows through a connection of their own, and naming tables safely.</summary>
internal static class LedgerRows
{
    /// <summary>The columns of a <see cref="ProbedVote"/>, in its order.</summary>
    public const string VoteColumns = "vote_id, voter_id, option_id, region, is_retracted, retracted_at, ip_address, user_agent, retracted_by, retraction_reason";

    /// <summary>Every audit row as a <see cref="ProbedAudit"/>, oldest first: the same statement on both backends.</summary>
    public const string Audit = "SELECT actor, action, poll_id, vote_id, detail, ip_address, user_agent FROM audit_log ORDER BY audit_id";

    /// <summary>Runs <paramref name="sql"/> on the opened <paramref name="connection"/>, disposes it, and returns one value per row.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(
        DbConnection connection, string sql, IEnumerable<DbParameter> parameters, Func<DbDataReader, T> row, CancellationToken ct)
    {
        await using (connection)
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddRange(parameters.ToArray());
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(row(reader));
            }
            return rows;
        }
    }

    /// <summary>A statement counting one table's rows; only ledger tables, since a table name cannot be a parameter.</summary>
    public static string CountOf(string table) =>
        LedgerTables.All.Contains(table)
            ? $"SELECT count(*) FROM {table}"
            : throw new ArgumentException($"{table} is not a ledger table.", nameof(table));

    public static string? TextOrNull(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
