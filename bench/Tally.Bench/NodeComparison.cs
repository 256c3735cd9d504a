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
/// Votes/s on two nodes that differ in one thing — limits on against off, or this build against another — in one run:
/// voted on in turn (first, second, second, first, …) so that drift over the run — a JIT still tiering, a filling WAL,
/// a neighbour's build — falls on both alike. Each phase votes in a poll of its own, with the same pre-minted voters.
/// </summary>
public static class NodeComparison
{
    private static readonly TimeSpan LaterWarmup = TimeSpan.FromSeconds(5);
    private const string AdminSubject = "bench-admin";

    /// <summary>The two nodes <paramref name="options"/> asks to compare: by limits, or by build.</summary>
    public static (ComparedNode First, ComparedNode Second, string Subject) Nodes(BenchOptions options)
    {
        var repository = TallyLauncher.Locate(options.ServerDll);
        if (options.CompareRebuild)
        {
            // One node for both sides: the difference is only whether a rebuild runs during the phase.
            var admin = Merge(options.ServerSettings, new Dictionary<string, string>
            {
                ["Tally__Auth__Admins__0__Issuer"] = BenchIssuer.Issuer,
                ["Tally__Auth__Admins__0__Subject"] = AdminSubject,
            });
            return (new ComparedNode("rebuilding", repository, admin), new ComparedNode("no rebuild", repository, admin), "a shadow rebuild always running vs none, on one node");
        }
        if (options.CompareBuild is { } other)
        {
            var otherDll = TallyLauncher.Locate(other);
            return (new ComparedNode("this build", repository, options.ServerSettings),
                new ComparedNode("other build", otherDll, Merge(options.ServerSettings, options.OtherSettings)),
                $"this build ({Path.GetRelativePath(Environment.CurrentDirectory, repository)}) vs {otherDll}");
        }
        // Both explicit: a launcher may default either way.
        return (new ComparedNode("limits on", repository, Merge(options.ServerSettings, new Dictionary<string, string> { ["Tally__Limits__Enabled"] = "true" })),
            new ComparedNode("limits off", repository, Merge(options.ServerSettings, new Dictionary<string, string> { ["Tally__Limits__Enabled"] = "false" })),
            "limits on vs off");
    }

    public static async Task RunAsync(BenchOptions options, string commandLine, MachineInfo machine, DateTimeOffset startedAt, CancellationToken ct)
    {
        var output = Console.Out;
        var (first, second, subject) = Nodes(options);
        var key = options.IssuerKey is { } given ? Convert.FromBase64String(given) : RandomNumberGenerator.GetBytes(32);
        var keyBase64 = Convert.ToBase64String(key);
        var tokens = VoterTokens.Mint(key, options.TokenCount);
        var ownerToken = new TokenMinter(key).Mint("bench-owner");
        output.WriteLine($"minted {Millis.Count(tokens.Count)} voter tokens in {tokens.MintTime.TotalSeconds:0.0} s (outside every timed phase)");

        using var scratch = new ScratchDirectory();
        await using var one = Launch(first, scratch, "first", keyBase64);
        await using var launchedTwo = options.CompareRebuild ? null : Launch(second, scratch, "second", keyBase64);
        var two = launchedTwo ?? one;
        var adminToken = new TokenMinter(key).Mint(AdminSubject);
        await one.WaitUntilReadyAsync(options.StartupTimeout, ct);
        await two.WaitUntilReadyAsync(options.StartupTimeout, ct);
        var target = "two nodes"
            + (options.ServerSettings.TryGetValue("Tally__Ledger__Provider", out var ledger) ? $", ledger {ledger}" : ", embedded (SQLite, memory views)")
            + (options.ServerSettings.TryGetValue("Tally__Views__Provider", out var views) ? $", views {views}" : "");

        var phases = new List<ComparedPhase>();
        var warmed = new HashSet<bool>();
        for (var i = 0; i < 2 * options.Rounds; i++)
        {
            var onFirst = i % 4 is 0 or 3;
            var node = onFirst ? one : two;
            var label = onFirst ? first.Label : second.Label;
            var address = node.BaseAddress;
            var phaseOptions = options with { Warmup = warmed.Add(onFirst) ? options.Warmup : TimeSpan.FromTicks(Math.Min(options.Warmup.Ticks, LaterWarmup.Ticks)) };
            CreatedPoll poll;
            using (var handler = LoadClients.CreateHandler(1))
            using (var client = LoadClients.Create(handler, address))
            {
                poll = await PollSetup.CreateAsync(client, ownerToken, ct);
            }
            var bodies = new VoteBodies([.. poll.Options.Select(x => x.Id)], BenchPoll.Regions);
            output.WriteLine();
            output.WriteLine($"phase {i + 1}: {label}, {phaseOptions.Warmup.TotalSeconds:0} s warm-up, poll {poll.Id}");
            var phaseTokens = tokens.Rewound();
            // Both nodes: on PostgreSQL + Redis the other one may be the projector, applying this phase's votes.
            var cpuBefore = Cpu(one, launchedTwo);
            using var stopRebuilds = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var rebuilds = options.CompareRebuild && onFirst ? new RebuildLoop(address, adminToken).RunAsync(stopRebuilds.Token) : null;
            var votes = await VotePhase.RunAsync(address, poll.Id, bodies, phaseTokens, phaseOptions, ct);
            await stopRebuilds.CancelAsync();
            var note = rebuilds is null ? null : (await rebuilds).ToString();
            ConsoleReport.Votes(output, votes, phaseTokens);
            if (note is not null)
            {
                output.WriteLine(note);
            }
            var exactness = await ExactnessCheck.RunAsync(address, new ResultsReader(poll.Id), tokens.Reusable(0), votes, ct);
            ConsoleReport.Exactness(output, exactness);
            phases.Add(new ComparedPhase(i + 1, label, onFirst, phaseOptions.Warmup, votes, exactness, Cpu(one, launchedTwo) - cpuBefore, note));
        }

        output.WriteLine();
        output.WriteLine(ComparisonSummary.Render(machine, commandLine, startedAt, subject, target, options, phases));
    }

    private static TimeSpan Cpu(ChildServer one, ChildServer? two) => one.ProcessorTime + (two?.ProcessorTime ?? TimeSpan.Zero);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string> overrides)
    {
        var merged = new Dictionary<string, string>(settings);
        foreach (var (name, value) in overrides)
        {
            merged[name] = value;
        }
        return merged;
    }

    private static ChildServer Launch(ComparedNode node, ScratchDirectory scratch, string folder, string keyBase64) =>
        TallyLauncher.Start(node.ServerDll, Path.Combine(scratch.Path, folder), keyBase64, node.Settings);
}
