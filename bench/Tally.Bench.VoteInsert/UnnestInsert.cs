using Npgsql;
using NpgsqlTypes;
using Tally.Ledger.Postgres;

namespace Tally.Bench.VoteInsert;

/// <summary>
/// Path A, what the ledger does today: the batch goes up as seven typed arrays in one multi-row INSERT … SELECT FROM unnest.
/// BEGIN travels with the INSERT (Npgsql sends it lazily), so the transaction is two round trips: INSERT, COMMIT.
/// </summary>
public sealed class UnnestInsert(NpgsqlConnection connection) : IInsertPath
{
    // The ledger's own statement, so this measures what the group commit sends.
    private const string Sql = PostgresVoteBatch.InsertVotesSql;

    public string Name => "A: unnest INSERT";

    public int Write(VoteRow[] rows, long timestamp)
    {
        // Building the arrays is part of this path's cost (path B pays for encoding its COPY rows), so it is inside the timing.
        var count = rows.Length;
        var voteIds = new Guid[count];
        var pollIds = new Guid[count];
        var voterIds = new string[count];
        var optionIds = new int[count];
        var regions = new string?[count];
        var ips = new string?[count];
        var agents = new string?[count];
        for (var n = 0; n < count; n++)
        {
            var row = rows[n];
            voteIds[n] = row.VoteId;
            pollIds[n] = row.PollId;
            voterIds[n] = row.VoterId;
            optionIds[n] = row.OptionId;
            regions[n] = row.Region;
            ips[n] = row.IpAddress;
            agents[n] = row.UserAgent;
        }

        using var transaction = connection.BeginTransaction();
        // A new command per batch, as the ledger makes one: MaxAutoPrepare recognises the text and reuses the prepared statement.
        using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = timestamp });
        command.Parameters.Add(Array(voteIds, NpgsqlDbType.Uuid));
        command.Parameters.Add(Array(pollIds, NpgsqlDbType.Uuid));
        command.Parameters.Add(Array(voterIds, NpgsqlDbType.Text));
        command.Parameters.Add(Array(optionIds, NpgsqlDbType.Integer));
        command.Parameters.Add(Array(regions, NpgsqlDbType.Text));
        command.Parameters.Add(Array(ips, NpgsqlDbType.Text));
        command.Parameters.Add(Array(agents, NpgsqlDbType.Text));
        var inserted = ReturnedIds.Read(command, count);
        transaction.Commit();
        return inserted;
    }

    private static NpgsqlParameter<T[]> Array<T>(T[] values, NpgsqlDbType elementType) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType, TypedValue = values };
}
