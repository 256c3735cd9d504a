using System.Security.Cryptography;
using Tally.Bench.Hosting;
using Tally.Bench.Protocol;
using Tally.Bench.Reporting;
using Tally.Bench.Tokens;

namespace Tally.Bench.Perf;

/// <summary>
/// Issue 12's scenarios bench: on one stack, each server in turn on the same machine and harness (wrk, pre-minted
/// tokens of an external issuer) — a plain JwtBearer hello (the machine's ceiling), Tally's own-auth hello, the naive
/// implementation and Tally — then results at a million votes, Tally against naive.
/// </summary>
public static class PerfBench
{
    public const string Mode = "perf";

    public static async Task RunAsync(PerfOptions options, string commandLine, CancellationToken ct)
    {
        if (WrkRunner.Missing() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }
        var output = Console.Out;
        var machine = ConsoleReport.Header(output, commandLine);
        var serverDll = TallyLauncher.Locate(options.ServerDll);
        var compareDll = options.CompareDll is null ? null : TallyLauncher.Locate(options.CompareDll);
        var key = RandomNumberGenerator.GetBytes(32);
        using var scratch = new ScratchDirectory();

        var tokens = VoterTokens.Mint(key, options.Voters);
        var tokensFile = Path.Combine(scratch.Path, "tokens.txt");
        await File.WriteAllLinesAsync(tokensFile, Enumerable.Range(0, tokens.Count).Select(i => tokens.Reusable(i)), ct);
        output.WriteLine($"minted {Millis.Count(tokens.Count)} voter tokens in {tokens.MintTime.TotalSeconds:0.0} s (outside every timed phase)");

        var report = new PerfReport(options, commandLine, machine);
        var wrk = new WrkRunner(tokensFile, scratch.Path);
        var stack = new PerfStack(options, scratch.Path, Convert.ToBase64String(key));
        var voting = new VotingRuns(options, wrk, new PollMaker(key), tokens, report, output);
        var seeded = new SeededReads(options, stack, wrk, report, output);
        try
        {
            await MeasureTargetsAsync(options, serverDll, compareDll, stack, wrk, voting, seeded, report, ct);
        }
        finally
        {
            // A failed or interrupted run still prints the tables of what it measured.
            output.WriteLine();
            output.WriteLine(report.Render());
        }
    }

    private static async Task MeasureTargetsAsync(PerfOptions options, string serverDll, string? compareDll, PerfStack stack, WrkRunner wrk,
        VotingRuns voting, SeededReads seeded, PerfReport report, CancellationToken ct)
    {
        foreach (var target in options.Targets)
        {
            switch (target)
            {
                case "plain":
                    await HelloAsync(options, stack, wrk, report, plainJwtBearer: true, ct);
                    break;
                case "own":
                    await HelloAsync(options, stack, wrk, report, plainJwtBearer: false, ct);
                    break;
                case "naive":
                    await NaiveAsync(options, stack, voting, seeded, report, ct);
                    break;
                case "tally":
                    await TallyAsync(options, stack, voting, seeded, "Tally", serverDll, ct);
                    if (compareDll is not null)
                    {
                        await TallyAsync(options, stack, voting, seeded, "Tally (compared)", compareDll, ct);
                    }
                    break;
            }
        }
    }

    private static async Task HelloAsync(PerfOptions options, PerfStack stack, WrkRunner wrk, PerfReport report, bool plainJwtBearer, CancellationToken ct)
    {
        await using var server = await stack.StartHelloAsync(plainJwtBearer, ct);
        var name = plainJwtBearer ? PerfReport.PlainHello : PerfReport.OwnHello;
        var bodies = PollMaker.Bodies(new CreatedPoll("hello", [new(1, "A"), new(2, "B"), new(3, "C"), new(4, "D")]));
        var post = new WrkLoad(["/hello"], [bodies], 0, options.Voters, null, 0, "hello");
        var get = WrkLoad.Reads("/hello", "hello-get");
        foreach (var (scenario, load, share) in new[] { (PerfReport.HelloPost, post, 1.0), (PerfReport.HelloGet, get, 0.0) })
        {
            if (options.Warmup > TimeSpan.Zero)
            {
                await wrk.RunAsync(server.Child.BaseAddress, load, options.Connections, options.Warmup, () => server.Child.ProcessorTime, ct);
            }
            var result = await wrk.RunAsync(server.Child.BaseAddress, load, options.Connections, options.Seconds, () => server.Child.ProcessorTime, ct);
            var row = new PerfRow(scenario, name, result, share, null);
            report.Rows.Add(row);
            Console.Out.WriteLine(PerfReport.Describe(row));
        }
    }

    private static async Task NaiveAsync(PerfOptions options, PerfStack stack, VotingRuns voting, SeededReads seeded, PerfReport report, CancellationToken ct)
    {
        // The naive server is another helper's work; without it the rest of the run still stands.
        try
        {
            await using (var server = await stack.StartNaiveAsync(ct))
            {
                await voting.MeasureAsync(server, ct);
            }
            if (options.SeedVotes > 0)
            {
                await seeded.MeasureNaiveAsync(ct);
            }
        }
        catch (InvalidOperationException e)
        {
            var note = $"naive: not measured ({e.Message.Split('\n')[0]})";
            report.Notes.Add(note);
            Console.Out.WriteLine(note);
        }
    }

    private static async Task TallyAsync(PerfOptions options, PerfStack stack, VotingRuns voting, SeededReads seeded, string name, string serverDll,
        CancellationToken ct)
    {
        await using (var server = await stack.StartTallyAsync(name, serverDll, ct))
        {
            await voting.MeasureAsync(server, ct);
        }
        if (options.SeedVotes > 0)
        {
            await seeded.MeasureTallyAsync(name, serverDll, ct);
        }
    }
}
