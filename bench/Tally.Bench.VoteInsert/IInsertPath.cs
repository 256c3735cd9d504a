namespace Tally.Bench.VoteInsert;

/// <summary>One way of writing a batch: a whole transaction, BEGIN to COMMIT, on the connection it was made for.</summary>
public interface IInsertPath
{
    string Name { get; }

    /// <summary>Writes <paramref name="rows"/> in one transaction and commits; returns the vote ids RETURNING gave back.</summary>
    int Write(VoteRow[] rows, long timestamp);
}
