using System.Security.Cryptography;
using Tally.Bench.Hosting;
using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Reporting;
using Tally.Bench.Tokens;

namespace Tally.Bench;

/// <summary>
/// Votes/s with the default limits against votes/s with them lifted (<c>Tally:Limits:Enabled=false</c>), in one run:
/// two nodes, voted on in turn (on, off, off, on, …) so that drift over the run — a JIT still tiering, a filling WAL —
/// falls on both alike. Each phase votes in a poll of its own, with the same pre-minted voters.
/// </summary>
public static class LimitsComparison
{
    private static readonly TimeSpan LaterWarmup = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchOptions options, string commandLine, MachineInfo machine, DateTimeOffset startedAt, CancellationToken ct)
    {
        var output = Console.Out;
        var key = options.IssuerKey is { } given ? Convert.FromBase64String(given) : RandomNumberGenerator.GetBytes(32);
        var keyBase64 = Convert.ToBase64String(key);
        var tokens = VoterTokens.Mint(key, options.TokenCount);
        var ownerToken = new TokenMinter(key).Mint("bench-owner");
        output.WriteLine($"minted {Millis.Count(tokens.Count)} voter tokens in {tokens.MintTime.TotalSeconds:0.0} s (outside every timed phase)");

        using var scratch = new ScratchDirectory();
        // Both explicit: a launcher may default either way.
        await using var on = Launch(options, scratch, "limits-on", keyBase64,
            new Dictionary<string, string>(options.ServerSettings) { ["Tally__Limits__Enabled"] = "true" });
        await using var off = Launch(options, scratch, "limits-off", keyBase64,
            new Dictionary<string, string>(options.ServerSettings) { ["Tally__Limits__Enabled"] = "false" });
        await on.WaitUntilReadyAsync(options.StartupTimeout, ct);
        await off.WaitUntilReadyAsync(options.StartupTimeout, ct);
        var target = "two nodes launched from the repository's Release build"
            + (options.ServerSettings.TryGetValue("Tally__Ledger__Provider", out var ledger) ? $", ledger {ledger}" : ", embedded (SQLite, memory views)")
            + (options.ServerSettings.TryGetValue("Tally__Views__Provider", out var views) ? $", views {views}" : "");

        var phases = new List<ComparedPhase>();
        var warmed = new HashSet<bool>();
        for (var i = 0; i < 2 * options.Rounds; i++)
        {
            var limitsOn = i % 4 is 0 or 3;
            var node = limitsOn ? on : off;
            var address = node.BaseAddress;
            var phaseOptions = options with { Warmup = warmed.Add(limitsOn) ? options.Warmup : TimeSpan.FromTicks(Math.Min(options.Warmup.Ticks, LaterWarmup.Ticks)) };
            CreatedPoll poll;
            using (var handler = LoadClients.CreateHandler(1))
            using (var client = LoadClients.Create(handler, address))
            {
                poll = await PollSetup.CreateAsync(client, ownerToken, ct);
            }
            var bodies = new VoteBodies([.. poll.Options.Select(x => x.Id)], BenchPoll.Regions);
            output.WriteLine();
            output.WriteLine($"phase {i + 1}: limits {(limitsOn ? "on" : "off")}, {phaseOptions.Warmup.TotalSeconds:0} s warm-up, poll {poll.Id}");
            var phaseTokens = tokens.Rewound();
            // Both nodes: on PostgreSQL + Redis the other one may be the projector, applying this phase's votes.
            var cpuBefore = on.ProcessorTime + off.ProcessorTime;
            var votes = await VotePhase.RunAsync(address, poll.Id, bodies, phaseTokens, phaseOptions, ct);
            ConsoleReport.Votes(output, votes, phaseTokens);
            var exactness = await ExactnessCheck.RunAsync(address, new ResultsReader(poll.Id), tokens.Reusable(0), votes, ct);
            ConsoleReport.Exactness(output, exactness);
            phases.Add(new ComparedPhase(i + 1, limitsOn, phaseOptions.Warmup, votes, exactness, on.ProcessorTime + off.ProcessorTime - cpuBefore));
        }

        output.WriteLine();
        output.WriteLine(ComparisonSummary.Render(machine, commandLine, startedAt, target, options, phases));
    }

    private static ChildServer Launch(BenchOptions options, ScratchDirectory scratch, string name, string keyBase64, IReadOnlyDictionary<string, string> settings) =>
        TallyLauncher.Start(TallyLauncher.Locate(options.ServerDll), Path.Combine(scratch.Path, name), keyBase64, settings);
}
