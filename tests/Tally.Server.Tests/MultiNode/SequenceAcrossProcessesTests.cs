using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tally.Ledger;
using Tally.Ledger.Stores;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.MultiNode;

/// <summary>
/// The event log's promise to a tailing reader, with writers in two separate processes and transactions that take a
/// sequence number and roll back: reading "everything after my checkpoint" sees every committed event once, in order.
/// </summary>
public sealed class SequenceAcrossProcessesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AReaderTailingTheLogSeesEveryEventCommittedByTwoProcessesOnceAndInOrder()
    {
        await using var servers = SharedServers.Create();
        var key = RandomNumberGenerator.GetBytes(32);
        using var folderA = new TempFolder();
        using var folderB = new TempFolder();
        using var readerFolder = new TempFolder();
        using var nodeA = await ServerProcess.StartAsync(folderA.Path, key, Patience, servers.NodeSettings);
        using var nodeB = await ServerProcess.StartAsync(folderB.Path, key, Patience, servers.NodeSettings);
        var clients = new[] { nodeA, nodeB }.Select(n => new HttpClient { BaseAddress = n.Address, Timeout = TimeSpan.FromSeconds(30) }).ToArray();
        await using var reader = ReaderOf(servers.LedgerConnectionString, readerFolder.Path);
        var log = reader.GetRequiredService<IEventLog>();

        var create = new HttpRequestMessage(HttpMethod.Post, "/v1/polls")
        {
            Content = JsonContent.Create(new { title = "Sequences", options = new[] { new { text = "A" }, new { text = "B" } } }),
        };
        create.Headers.Authorization = new("Bearer", TestTokens.Voter(key, "owner"));
        var pollId = (string)(await Expect.JsonAsync(await clients[0].SendAsync(create), 201))["id"]!;

        using var writing = new CancellationTokenSource();
        var seen = new List<long>();
        var tail = Task.Run(async () =>
        {
            long checkpoint = 0;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                var events = await log.ReadAfterAsync(checkpoint, 500, CancellationToken.None);
                foreach (var e in events)
                {
                    Assert.Equal(checkpoint + 1, e.Sequence);
                    checkpoint = e.Sequence;
                    seen.Add(e.Sequence);
                }
                if (events.Count == 0)
                {
                    if (done && checkpoint == await log.ReadHighWaterMarkAsync(CancellationToken.None))
                    {
                        return;
                    }
                    await Task.Delay(5); // poll interval of the tailing reader
                }
            }
        });

        // Transactions that take the next number and roll back, interleaved with the nodes' commits.
        var rollbacks = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(servers.LedgerConnectionString);
            await connection.OpenAsync();
            for (var i = 0; i < 25; i++)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var bump = new NpgsqlCommand("UPDATE event_head SET last_sequence = last_sequence + 1", connection, transaction);
                await bump.ExecuteNonQueryAsync();
                await transaction.RollbackAsync();
            }
        });

        var receipts = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/polls/{pollId}/votes") { Content = JsonContent.Create(new { option_id = 1 + i % 2 }) };
            request.Headers.Authorization = new("Bearer", TestTokens.Voter(key, $"voter-{i}"));
            receipts.Add((long)(await Expect.JsonAsync(await clients[i % 2].SendAsync(request), 201))["sequence"]!);
        });
        await rollbacks;
        await writing.CancelAsync();
        await tail.WaitAsync(Patience);

        var head = await servers.Ledger.LastSequenceAsync();
        Assert.Equal(Enumerable.Range(1, (int)head).Select(n => (long)n), seen);
        Assert.Equal(head, await servers.Ledger.CountRowsAsync("events"));
        Assert.Equal(600, receipts.Distinct().Count());
        Assert.All(receipts, sequence => Assert.Contains(sequence, seen));
    }

    /// <summary>A third, read-only party on the same ledger: the product's own PostgreSQL event log reader.</summary>
    private static ServiceProvider ReaderOf(string connectionString, string dataPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tally:Ledger:Postgres:ConnectionString"] = connectionString,
        }).Build();
        return new ServiceCollection().AddLogging().AddTallyLedger(configuration, dataPath, LedgerProvider.Postgres).BuildServiceProvider();
    }
}
