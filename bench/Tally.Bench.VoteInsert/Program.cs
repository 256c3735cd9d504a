using System.Runtime.InteropServices;
using Npgsql;

namespace Tally.Bench.VoteInsert;

/// <summary>
/// Which is faster for the group commit's vote insert: the ledger's unnest INSERT (A) or binary COPY into a staging table
/// then INSERT … SELECT (B)? Both write the same kind of batches into a scratch database; the figures go to stdout as markdown.
/// </summary>
public static class Program
{
    private const string ConnectionVariable = "TALLY_TEST_POSTGRES";

    public static int Main()
    {
        var adminConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            Console.Error.WriteLine(
                $"{ConnectionVariable} is not set. Set it to an Npgsql connection string for a user that may CREATE DATABASE, " +
                "e.g. run under scripts/test-services.sh (source it, then test_services_start).");
            return 2;
        }

        // Ctrl+C and SIGTERM stop between batches instead of killing the process, so the scratch database is still dropped.
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

        try
        {
            using var scratch = ScratchDatabase.Create(adminConnectionString);
            using var connection = new NpgsqlConnection(scratch.ConnectionString);
            connection.Open();
            using (var schema = new NpgsqlCommand(Schema.CreateVoteRecords, connection))
            {
                schema.ExecuteNonQuery();
            }

            Console.WriteLine($"PostgreSQL: {ServerInfo.Describe(connection)}");
            Console.WriteLine($"Client: .NET {Environment.Version}, {Environment.ProcessorCount} cores, Npgsql MaxAutoPrepare=32, scratch database {scratch.Name}");
            Console.WriteLine("One connection, one batch in flight, A and B in pairs (order within a pair by coin toss); latency = BEGIN to COMMIT returned.");
            Console.WriteLine();

            var comparison = new Comparison(connection, new UnnestInsert(connection), new CopyInsert(connection), new BatchSource());
            var results = new List<(PathResult, PathResult)>();
            foreach (var plan in SizePlan.All)
            {
                Console.Error.WriteLine($"batch size {plan.BatchSize}: {plan.WarmupBatches} warm-up + {plan.MeasuredBatches} timed batches per path…");
                results.Add(comparison.Run(plan, interrupted.Token));
            }
            Console.Write(MarkdownReport.Render(results));
            return 0;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted; scratch database dropped.");
            return 130;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"benchmark failed: {e.Message}");
            return 1;
        }

        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }
    }
}
