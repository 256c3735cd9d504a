using System.Globalization;
using System.Text;

namespace Tally.Bench.Perf;

/// <summary>
/// The Lua script wrk runs for one <see cref="WrkLoad"/>. Each wrk thread reads the pre-minted tokens once, then takes
/// voters <c>thread, thread + threads, …</c>, so no two threads ever send the same voter to the same poll. <c>done</c>
/// prints one machine-readable line the bench parses (latencies in µs).
/// </summary>
public static class WrkScript
{
    public const string ResultMarker = "WRK-RESULT";

    public static string Render(WrkLoad load, string tokensFile, int threads)
    {
        var lua = new StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"local vote_paths = {{{string.Join(", ", load.VotePaths.Select(Quote))}}}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local bodies = {{{string.Join(", ", load.Bodies.Select(b => "{" + string.Join(", ", b.Select(Quote)) + "}"))}}}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local read_path = {(load.ReadPath is null ? "nil" : Quote(load.ReadPath))}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local reads_per_vote = {load.ReadsPerVote}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local first = {load.FirstVoter}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local voters = {load.Voters}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local threads = {threads}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local tokens_file = {Quote(tokensFile)}");
        lua.AppendLine(CultureInfo.InvariantCulture, $"local run = {Quote(load.RunId)}");
        lua.Append("""
            local next_thread = 0
            function setup(thread)
              thread:set("tid", next_thread)
              next_thread = next_thread + 1
            end

            local tokens = {}
            local voter, poll, counter = 0, 1, 0
            function init(args)
              voter = tid
              if voters > 0 then
                local n = 0
                for line in io.lines(tokens_file) do
                  n = n + 1
                  if n > first + voters then break end
                  if n > first then tokens[n - first] = "Bearer " .. line end
                end
              end
            end

            function request()
              counter = counter + 1
              if #vote_paths == 0 or (reads_per_vote > 0 and counter % (reads_per_vote + 1) ~= 0) then
                return wrk.format("GET", read_path)
              end
              local poll_bodies = bodies[poll]
              local headers = {
                ["Authorization"] = tokens[voter + 1],
                ["Content-Type"] = "application/json",
                ["Idempotency-Key"] = run .. "-" .. tid .. "-" .. counter,
              }
              local req = wrk.format("POST", vote_paths[poll], headers, poll_bodies[(counter % #poll_bodies) + 1])
              poll = poll + 1
              if poll > #vote_paths then
                poll = 1
                voter = voter + threads
                if voter >= voters then voter = tid end
              end
              return req
            end

            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("WRK-RESULT %d %d %d %d %d %d %d %.0f %.0f %.0f %.0f\n",
                summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
            end

            """);
        return lua.ToString();
    }

    // Lua long strings need no escaping; the level is chosen so that no value can close it early.
    private static string Quote(string value) => "[==[" + value + "]==]";
}
