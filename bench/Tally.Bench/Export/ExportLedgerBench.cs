using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Polls;
using Tally.Ledger;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Stores;

namespace Tally.Bench.Export;

/// <summary>
/// The ledger's vote export at scale, with no server: seeds N votes in one poll straight through the vote store (large
/// group-commit batches), then streams the export, reporting rows/s and the process's memory (peak RSS and managed heap
/// while streaming, against before it).
/// <c>export-ledger --votes N --ledger sqlite|postgres [--postgres connection] [--batch B]</c>.
/// </summary>
public static class ExportLedgerBench
{
    public const string Mode = "export-ledger";

    public static async Task<int> RunAsync(string[] args)
    {
        if (ExportLedgerOptions.Parse(args, Console.Error) is not { } options)
        {
            return 2;
        }
        var data = Directory.CreateTempSubdirectory("tally-export-");
        var database = options.Provider == LedgerProvider.Postgres ? await CreateDatabaseAsync(options.Postgres!) : null;
        try
        {
            await using var node = Node(options, data.FullName, database);
            var poll = await SeedAsync(node, options);
            await ExportAsync(node.GetRequiredService<IVoteExport>(), poll, options.Votes);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (database is not null)
            {
                await DropDatabaseAsync(options.Postgres!, database);
            }
            data.Delete(recursive: true);
        }
    }

    private static async Task<Guid> SeedAsync(ServiceProvider node, ExportLedgerOptions options)
    {
        var created = await node.GetRequiredService<CreatePollHandler>().HandleAsync(new CreatePoll("bench-owner", new PollDraft(
            "Export", null, ["A", "B", "C", "D"], ["EU", "US"], null, null, new PollSettings(ResultsVisibility.Live, true))), CancellationToken.None);
        var poll = created.Value!.Poll.Id;
        var store = node.GetRequiredService<IVoteStore>();
        var watch = Stopwatch.StartNew();
        for (var first = 0; first < options.Votes; first += options.Batch)
        {
            var batch = new PendingVote[Math.Min(options.Batch, options.Votes - first)];
            for (var n = 0; n < batch.Length; n++)
            {
                var i = first + n;
                var client = new ClientInfo($"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", "bench-agent/1.0 (export)");
                batch[n] = new PendingVote(new CastVote(new Ballot(poll, $"voter-{i}", i % 4 + 1, i % 2 == 0 ? "EU" : "US"), null, client), Guid.CreateVersion7());
            }
            var written = store.WriteBatch(batch);
            await written.Durable;
            if (written.Result.Count(o => o.Succeeded) != batch.Length)
            {
                throw new InvalidOperationException("A seeded vote was refused.");
            }
        }
        Console.WriteLine(Invariant($"seed     {options.Votes:N0} votes in one poll ({options.Provider}, batches of {options.Batch:N0}) in {watch.Elapsed.TotalSeconds:N1} s: {options.Votes / watch.Elapsed.TotalSeconds:N0} votes/s"));
        return poll;
    }

    private static async Task ExportAsync(IVoteExport export, Guid poll, int votes)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = ProcessMemory.Rss();
        using var sampler = new MemorySampler(TimeSpan.FromMilliseconds(20));
        var watch = Stopwatch.StartNew();
        long rows = 0, last = 0;
        var ordered = true;
        await foreach (var vote in export.ReadVotesAsync(poll, CancellationToken.None))
        {
            ordered &= vote.Sequence > last;
            last = vote.Sequence;
            rows++;
        }
        var elapsed = watch.Elapsed;
        var (peakRss, peakHeap) = sampler.Stop();
        Console.WriteLine(Invariant($"export   {rows:N0} rows in {elapsed.TotalSeconds:N2} s: {rows / elapsed.TotalSeconds:N0} rows/s, in sequence order: {ordered}"));
        Console.WriteLine(Invariant($"memory   RSS {Mb(rssBefore):N1} MB before, peak {Mb(peakRss):N1} MB while streaming (+{Mb(peakRss - rssBefore):N1} MB); managed heap {Mb(heapBefore):N1} MB before, peak {Mb(peakHeap):N1} MB"));
        if (rows != votes || !ordered)
        {
            throw new InvalidOperationException($"The export gave {rows} rows (ordered: {ordered}) for {votes} votes.");
        }
    }

    private static ServiceProvider Node(ExportLedgerOptions options, string dataPath, string? database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tally:Ledger:Sqlite:Synchronous"] = "NORMAL",
            ["Tally:Ledger:Postgres:CommandTimeout"] = "00:05:00",
        };
        if (database is not null)
        {
            settings["Tally:Ledger:Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database }.ConnectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddTallyLedger(configuration, dataPath, options.Provider).BuildServiceProvider();
    }

    private static async Task<string> CreateDatabaseAsync(string connectionString)
    {
        var name = $"tally_export_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    private static async Task DropDatabaseAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static double Mb(long bytes) => bytes / (double)(1 << 20);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
