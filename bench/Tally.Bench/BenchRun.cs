using System.Security.Cryptography;
using Tally.Bench.Baseline;
using Tally.Bench.Hosting;
using Tally.Bench.Load;
using Tally.Bench.Options;
using Tally.Bench.Phases;
using Tally.Bench.Protocol;
using Tally.Bench.Reporting;
using Tally.Bench.Tokens;

namespace Tally.Bench;

/// <summary>
/// One complete benchmark: mint tokens, measure validation, load Tally, then load the baseline on the same
/// machine so every Tally number comes with the ceiling it should be judged against.
/// </summary>
public static class BenchRun
{
    public static async Task RunAsync(BenchOptions options, string commandLine, CancellationToken ct)
    {
        var output = Console.Out;
        var startedAt = DateTimeOffset.UtcNow;
        var machine = ConsoleReport.Header(output, commandLine);
        if (options.Compares)
        {
            await NodeComparison.RunAsync(options, commandLine, machine, startedAt, ct);
            return;
        }

        // Resolve (and fail on) the server binary before spending seconds minting tokens.
        var serverDll = options.Target is null ? TallyLauncher.Locate(options.ServerDll) : null;
        var key = options.IssuerKey is { } given ? Convert.FromBase64String(given) : RandomNumberGenerator.GetBytes(32);
        var keyBase64 = Convert.ToBase64String(key);
        using var scratch = new ScratchDirectory();

        var tokens = VoterTokens.Mint(key, options.TokenCount);
        var ownerToken = new TokenMinter(key).Mint("bench-owner");
        output.WriteLine($"minted {Millis.Count(tokens.Count)} voter tokens in {tokens.MintTime.TotalSeconds:0.0} s (outside every timed phase)");
        ct.ThrowIfCancellationRequested();

        var validation = await ValidationProbe.MeasureAsync(keyBase64, tokens, options.Validations, ct);
        ConsoleReport.Validation(output, validation);

        var (tallyTarget, votes, exactness, reads, bodies) = await MeasureTallyAsync(options, serverDll, keyBase64, tokens, ownerToken, scratch, ct);

        var (helloAuth, helloAnon) = await MeasureBaselineAsync(options, keyBase64, tokens, bodies, scratch, ct);

        var report = new BenchReport(options, commandLine, machine, startedAt, tallyTarget, validation, votes, exactness, reads, helloAuth, helloAnon);
        output.WriteLine();
        output.WriteLine(MarkdownSummary.Render(report));
    }

    private static async Task<(string Target, VotePhaseResult Votes, ExactnessResult Exactness, PhaseResult Reads, VoteBodies Bodies)> MeasureTallyAsync(
        BenchOptions options, string? serverDll, string keyBase64, VoterTokens tokens, string ownerToken, ScratchDirectory scratch, CancellationToken ct)
    {
        var output = Console.Out;
        ChildServer? tally = null;
        string target;
        if (options.Target is { } external)
        {
            target = $"already running at {external}";
            await Readiness.WaitAsync(external, options.StartupTimeout, () => null, ct);
        }
        else
        {
            target = $"launched from {Path.GetRelativePath(Environment.CurrentDirectory, serverDll!)} with a fresh data directory";
            tally = TallyLauncher.Start(serverDll!, Path.Combine(scratch.Path, "tally-data"), keyBase64, options.ServerSettings);
        }
        try
        {
            if (tally is not null)
            {
                await tally.WaitUntilReadyAsync(options.StartupTimeout, ct);
            }
            var baseAddress = tally?.BaseAddress ?? options.Target!;
            output.WriteLine($"Tally ready at {baseAddress}");

            CreatedPoll poll;
            using (var handler = LoadClients.CreateHandler(1))
            using (var client = LoadClients.Create(handler, baseAddress))
            {
                poll = await PollSetup.CreateAsync(client, ownerToken, ct);
            }
            output.WriteLine($"poll {poll.Id} created with options {string.Join(", ", poll.Options.Select(x => $"{x.Id}={x.Text}"))}");
            var bodies = new VoteBodies([.. poll.Options.Select(x => x.Id)], BenchPoll.Regions);

            var votes = await VotePhase.RunAsync(baseAddress, poll.Id, bodies, tokens, options, ct);
            ConsoleReport.Votes(output, votes, tokens);

            var exactness = await ExactnessCheck.RunAsync(baseAddress, new ResultsReader(poll.Id), tokens.Reusable(0), votes, ct);
            ConsoleReport.Exactness(output, exactness);

            var reads = await ReadPhase.RunAsync(baseAddress, poll.Id, tokens, options, ct);
            ConsoleReport.Load(output, "results reads", reads);

            if (tally is { OutputLineCount: > 0 })
            {
                output.WriteLine($"Tally.Server logged {tally.OutputLineCount} lines at Warning or above:");
                output.WriteLine(tally.DescribeOutput());
            }
            return (target, votes, exactness, reads, bodies);
        }
        catch (Exception e) when (tally is not null && e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(tally.DescribeOutput());
            throw;
        }
        finally
        {
            if (tally is not null)
            {
                await tally.DisposeAsync();
            }
        }
    }

    private static async Task<(PhaseResult Auth, PhaseResult Anonymous)> MeasureBaselineAsync(
        BenchOptions options, string keyBase64, VoterTokens tokens, VoteBodies bodies, ScratchDirectory scratch, CancellationToken ct)
    {
        var output = Console.Out;
        var workingDirectory = Directory.CreateDirectory(Path.Combine(scratch.Path, "baseline")).FullName;
        await using var baseline = BaselineLauncher.Start(workingDirectory, keyBase64);
        try
        {
            await baseline.WaitUntilReadyAsync(options.StartupTimeout, ct);
            output.WriteLine($"baseline server ready at {baseline.BaseAddress}");
            var auth = await HelloPhase.RunAsync(baseline.BaseAddress, authenticated: true, bodies, tokens, options, ct);
            ConsoleReport.Load(output, "baseline hello (auth)", auth);
            var anonymous = await HelloPhase.RunAsync(baseline.BaseAddress, authenticated: false, bodies, tokens, options, ct);
            ConsoleReport.Load(output, "baseline hello-anon", anonymous);
            return (auth, anonymous);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(baseline.DescribeOutput());
            throw;
        }
    }
}
