using Npgsql;

namespace Tally.Bench.VoteInsert;

/// <summary>
/// Reads the RETURNING vote ids into a set, as the ledger does to tell accepted votes from those that lost to a live vote.
/// Both paths read them the same way, so neither is timed without the work the real code needs from it.
/// </summary>
public static class ReturnedIds
{
    public static int Read(NpgsqlCommand command, int capacity)
    {
        var inserted = new HashSet<Guid>(capacity);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            inserted.Add(reader.GetGuid(0));
        }
        return inserted.Count;
    }
}
