using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Tally.Domain.Errors;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ABatchIsMeasuredBeforeItsVotersHearBack()
    {
        var poll = await CreatePollAsync();
        var measured = new ConcurrentQueue<(string Instrument, double Value, string? Code)>();
        using var listener = new MeterListener();
        // Only this ledger's meter: other tests' ledgers run alongside with meters of the same name.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LedgerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, Ledger.Meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, CodeOf(tags))));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, CodeOf(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, CodeOf(tags))));
        listener.Start();
        var batch = new[]
        {
            Cast(poll.Id, "alice", 1),
            Cast(poll.Id, "alice", 2),
            Cast(poll.Id, "bob", 9),
            Cast(poll.Id, "carol", 3),
        }.Select(command => new PendingVote(command, Guid.CreateVersion7())).ToArray();

        Ledger.Batcher.Commit(batch);
        await Task.WhenAll(batch.Select(v => v.Outcome));

        var seen = measured.ToArray();
        Assert.Equal(4, Assert.Single(seen, m => m.Instrument == "tally.ledger.batch.size").Value);
        Assert.Equal(2, seen.Where(m => m.Instrument == "tally.ledger.votes.accepted").Sum(m => m.Value));
        Assert.Equal(
            [ErrorCodes.AlreadyVoted, ErrorCodes.InvalidOption],
            seen.Where(m => m.Instrument == "tally.ledger.votes.rejected").Select(m => m.Code).Order(StringComparer.Ordinal));
        Assert.True(Assert.Single(seen, m => m.Instrument == "tally.ledger.commit.duration").Value > 0);
    }

    private static string? CodeOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "code")
            {
                return tag.Value as string;
            }
        }
        return null;
    }
}
