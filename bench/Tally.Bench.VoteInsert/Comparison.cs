using System.Diagnostics;
using Npgsql;

namespace Tally.Bench.VoteInsert;

/// <summary>
/// Runs both paths at one batch size on one connection, one batch in flight (as the group commit runs), in pairs: one
/// batch of each path per pair, so drift on the machine (checkpoints, autovacuum, a noisy neighbour) lands on both alike.
/// </summary>
/// <remarks>
/// Which path goes first in a pair is a coin toss, not a strict A, B, A, B. Strict alternation was tried and lied: at 1000
/// rows a batch writes ~380 kB of WAL, so a new 16 MB WAL segment (a 20–70 ms stall) came every 44 batches, an even
/// number, and every stall of a run fell on the same path, which then showed a p99 four times the other's.
/// </remarks>
public sealed class Comparison(NpgsqlConnection connection, IInsertPath a, IInsertPath b, BatchSource source)
{
    // Seeded, so two runs make the same order and differ only by the machine.
    private readonly Random _order = new(7);

    public (PathResult A, PathResult B) Run(SizePlan plan, CancellationToken ct)
    {
        ResetTable();
        for (var n = 0; n < plan.WarmupBatches; n++)
        {
            ct.ThrowIfCancellationRequested();
            WriteChecked(a, plan.BatchSize);
            WriteChecked(b, plan.BatchSize);
        }
        var aLatencies = new List<double>(plan.MeasuredBatches);
        var bLatencies = new List<double>(plan.MeasuredBatches);
        for (var n = 0; n < plan.MeasuredBatches; n++)
        {
            ct.ThrowIfCancellationRequested();
            if (_order.Next(2) == 0)
            {
                aLatencies.Add(WriteChecked(a, plan.BatchSize));
                bLatencies.Add(WriteChecked(b, plan.BatchSize));
            }
            else
            {
                bLatencies.Add(WriteChecked(b, plan.BatchSize));
                aLatencies.Add(WriteChecked(a, plan.BatchSize));
            }
        }
        return (new PathResult(a.Name, plan.BatchSize, aLatencies), new PathResult(b.Name, plan.BatchSize, bLatencies));
    }

    /// <summary>Writes one batch and returns its BEGIN-to-COMMIT time in ms; a wrong RETURNING count stops the run.</summary>
    private double WriteChecked(IInsertPath path, int size)
    {
        // Made before the clock starts: producing votes is the callers' work, not the insert's.
        var batch = source.Next(size);
        var started = Stopwatch.GetTimestamp();
        var inserted = path.Write(batch.Rows, batch.Timestamp);
        var elapsed = Stopwatch.GetElapsedTime(started);
        // A path that "wins" by inserting the wrong rows (e.g. COPY outside the transaction, emptied before the INSERT) is no win.
        if (inserted != batch.ExpectedInserts)
        {
            throw new InvalidOperationException(
                $"{path.Name}: RETURNING gave {inserted} vote ids for a {size}-row batch that should insert {batch.ExpectedInserts}.");
        }
        return elapsed.TotalMilliseconds;
    }

    private void ResetTable()
    {
        using (var truncate = new NpgsqlCommand(Schema.Reset, connection))
        {
            truncate.ExecuteNonQuery();
        }
        source.TableEmptied();
        // Start each size with no dirty pages from the last, so a checkpoint it caused is not charged to this one.
        // Needs superuser or pg_checkpoint; without it the run goes on, only a little noisier.
        try
        {
            using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            checkpoint.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
        }
    }
}
