using Microsoft.Extensions.Options;
using Tally.Ledger.Stores;
using Tally.Views;

namespace Tally.Sync.Counting;

/// <summary>
/// Compares what a view holds with the ledger's vote rows at one consistent cut: the ledger is counted at its own read
/// snapshot and then walked along the log to the view's sequence, so votes in flight on either side never show as drift.
/// </summary>
public sealed class LedgerComparison(ILiveVoteCounts counts, IEventLog log, IOptions<SyncOptions> options)
{
    // A snapshot can see commits a moment before the log hands them out (SQLite's durable head); they come soon.
    private static readonly TimeSpan LogCatchUp = TimeSpan.FromSeconds(10);

    /// <summary>The ledger's live votes of <paramref name="pollIds"/> (null: every poll not closed) as they stood at <paramref name="sequence"/>.</summary>
    internal async Task<VoteCells> AtAsync(IReadOnlyCollection<Guid>? pollIds, long sequence, CancellationToken ct) =>
        await WalkAsync(await counts.CountAsync(pollIds, ct).ConfigureAwait(false), sequence, ct).ConfigureAwait(false);

    /// <summary>The ledger's live votes of <paramref name="pollIds"/> (null: every poll not closed) at its own read snapshot.</summary>
    internal Task<LedgerCut> CountAsync(IReadOnlyCollection<Guid>? pollIds, CancellationToken ct) => counts.CountAsync(pollIds, ct);

    /// <summary><paramref name="cut"/>'s counts walked along the log to how they stood at <paramref name="sequence"/>.</summary>
    internal async Task<VoteCells> WalkAsync(LedgerCut cut, long sequence, CancellationToken ct)
    {
        var cells = new VoteCells(cut.Counts);
        var (from, to, direction) = cut.Sequence > sequence ? (sequence, cut.Sequence, -1) : (cut.Sequence, sequence, +1);
        var position = from;
        var deadline = DateTime.UtcNow + LogCatchUp;
        while (position < to)
        {
            var events = await log.ReadAfterAsync(position, options.Value.BatchSize, ct).ConfigureAwait(false);
            if (events.Count == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The event log did not reach sequence {to} within {LogCatchUp}.");
                }
                await Task.Delay(10, ct).ConfigureAwait(false);
                continue;
            }
            foreach (var stored in events)
            {
                if (stored.Sequence > to)
                {
                    break;
                }
                cells.Move(stored, direction);
            }
            position = events[^1].Sequence;
        }
        return cells;
    }

    /// <summary>
    /// How view <paramref name="view"/> counts a poll's live votes; null for a view that does not count them (the
    /// catalogue; the deltas, whose windows age out; voter status, checked through the results it feeds).
    /// </summary>
    public static CountShape? ShapeOf(string view) => view switch
    {
        "results" => CountShape.ByOption,
        "heatmap" => CountShape.ByOptionAndRegion,
        _ => null,
    };

    /// <summary>
    /// Where <paramref name="held"/> (what a view counting in <paramref name="shape"/> holds for one poll) differs from
    /// the ledger; <paramref name="compared"/> is how many cells either side has.
    /// </summary>
    internal static List<CellDrift> Differences(string view, CountShape shape, Guid pollId, IReadOnlyList<HeldVotes> held, VoteCells ledger, out int compared)
    {
        var expected = ledger.Of(pollId, shape);
        var drift = new List<CellDrift>();
        var seen = new HashSet<(int, string?)>();
        foreach (var cell in held)
        {
            var key = (cell.OptionId, shape == CountShape.ByOption ? null : cell.Region);
            if (cell.Votes == 0 || !seen.Add(key))
            {
                continue;
            }
            var truth = expected.GetValueOrDefault(key);
            if (truth != cell.Votes)
            {
                drift.Add(new CellDrift(pollId, view, cell.OptionId, key.Item2, truth, cell.Votes));
            }
        }
        foreach (var ((option, region), votes) in expected)
        {
            if (!seen.Contains((option, region)))
            {
                drift.Add(new CellDrift(pollId, view, option, region, votes, 0));
            }
        }
        compared = seen.Count + expected.Keys.Count(k => !seen.Contains(k));
        return drift;
    }
}
