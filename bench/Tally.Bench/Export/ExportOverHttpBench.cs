using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Tally.Bench.Hosting;
using Tally.Bench.Reporting;
using Tally.Bench.Restart;
using Tally.Bench.Tokens;

namespace Tally.Bench.Export;

/// <summary>
/// The admin export through a real server: two embedded ledgers of one poll each, the second ten times the first,
/// exported over HTTP in one run, while the server's resident memory is sampled. Constant memory shows as the same
/// growth during both exports, whatever the poll's size. <c>export --votes N [--server-dll path]</c>.
/// </summary>
public static class ExportOverHttpBench
{
    public const string Mode = "export";

    private const string AdminSubject = "bench-admin";

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var votes, out var serverDll))
        {
            Console.Error.WriteLine("Usage: dotnet bench/Tally.Bench/bin/Release/net10.0/Tally.Bench.dll export --votes N [--server-dll path]");
            return 2;
        }
        var output = Console.Out;
        var machine = ConsoleReport.Header(output, string.Join(' ', args));
        var server = TallyLauncher.Locate(serverDll);
        var key = RandomNumberGenerator.GetBytes(32);
        var admin = new TokenMinter(key).Mint(AdminSubject);
        using var scratch = new ScratchDirectory();
        var rows = new List<string>();
        foreach (var size in new[] { Math.Max(1, votes / 10), votes })
        {
            var data = Path.Combine(scratch.Path, $"ledger-{size}");
            output.WriteLine($"seeding {size:N0} votes in one poll …");
            await LedgerSeeder.SeedAsync(data, 1, size, 10_000, output, CancellationToken.None);
            rows.Add(await ExportAsync(server, data, Convert.ToBase64String(key), admin, size));
        }
        output.WriteLine();
        output.WriteLine($"## Export of one poll over HTTP, NDJSON ({machine})");
        output.WriteLine();
        output.WriteLine("| votes | lines | MB sent | seconds | lines/s | server RSS before (MB) | peak during export (MB) | growth (MB) | checksum line matches |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        rows.ForEach(output.WriteLine);
        return 0;
    }

    private static async Task<string> ExportAsync(string serverDll, string data, string keyBase64, string adminToken, long votes)
    {
        await using var server = TallyLauncher.Start(serverDll, data, keyBase64, new Dictionary<string, string>
        {
            ["Tally__Auth__Admins__0__Issuer"] = BenchIssuer.Issuer,
            ["Tally__Auth__Admins__0__Subject"] = AdminSubject,
            ["Tally__Health__ReadyMaxEventsBehind"] = "0",
        });
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var poll = await WaitForPollAsync(http);
        // The replay of the log into the views is over once the node is ready; let the collector settle it.
        GCSettleDelay();
        var before = server.WorkingSet;
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, server.WorkingSet);
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/v1/admin/polls/{poll}/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var (lines, bytes, matches) = await ReadAsync(await response.Content.ReadAsStreamAsync());
        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        peak = Math.Max(peak, server.WorkingSet);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {votes:N0} | {lines:N0} | {bytes / 1e6:N1} | {elapsed.TotalSeconds:N2} | {lines / elapsed.TotalSeconds:N0} | {before / 1e6:N0} | {peak / 1e6:N0} | {(peak - before) / 1e6:N1} | {matches} |");
    }

    /// <summary>Reads the stream line by line, hashing every line but the last, which must carry that hash.</summary>
    private static async Task<(long Lines, long Bytes, bool Matches)> ReadAsync(Stream body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var reader = new StreamReader(body);
        string? previous = null;
        long lines = 0, bytes = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (previous is not null)
            {
                var raw = System.Text.Encoding.UTF8.GetBytes(previous + "\n");
                hash.AppendData(raw);
                bytes += raw.Length;
            }
            previous = line;
            lines++;
        }
        using var summary = JsonDocument.Parse(previous ?? "{}");
        var expected = summary.RootElement.TryGetProperty("summary", out var s) && s.TryGetProperty("sha256", out var h) ? h.GetString() : null;
        return (lines, bytes, expected == Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<Guid> WaitForPollAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            using var ready = await http.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode)
            {
                using var polls = JsonDocument.Parse(await http.GetStringAsync("/v1/polls?limit=1"));
                return polls.RootElement.GetProperty("polls")[0].GetProperty("id").GetGuid();
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The server did not become ready within 10 minutes.");
    }

    private static void GCSettleDelay() => Thread.Sleep(TimeSpan.FromSeconds(2));

    private static bool TryParse(string[] args, out long votes, out string? serverDll)
    {
        votes = 0;
        serverDll = null;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--votes" when long.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    votes = n;
                    break;
                case "--server-dll":
                    serverDll = args[i + 1];
                    break;
                default:
                    return false;
            }
        }
        return votes > 0;
    }
}
