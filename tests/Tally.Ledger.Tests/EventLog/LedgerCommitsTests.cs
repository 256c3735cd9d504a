using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.EventLog;

/// <summary>
/// A commit heard from the database wakes readers, but not while a commit of this process is in flight: its own echo
/// must not send readers to the log before the writer hands its events over in memory.
/// </summary>
public sealed class LedgerCommitsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheEchoOfACommitInFlightHereWakesNobodyAndTheWriterHandsItsEventsOver()
    {
        var commits = new LedgerCommits();
        commits.Handoff.KeepUpTo(16);
        var waiting = commits.WaitForCommitAfterAsync(0, TimeSpan.FromMinutes(1), CancellationToken.None);

        commits.Committing();
        commits.Heard(1);

        Assert.Equal(0, commits.LastSequence);
        Assert.False(waiting.IsCompleted);

        commits.Committed(1, [Closed(1)]);
        commits.Settled();

        Assert.Equal(1, commits.LastSequence);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(1, Assert.Single(commits.Handoff.TakeAfter(0, 10)).Sequence);
    }

    [Fact]
    public void AnotherProcessesCommitHeardWhileOneIsInFlightHereWakesReadersOnceItSettles()
    {
        var commits = new LedgerCommits();

        commits.Committing();
        commits.Heard(7);
        commits.Heard(9);
        Assert.Equal(0, commits.LastSequence);

        commits.Committed(8, [Closed(8)]);
        Assert.Equal(8, commits.LastSequence);
        commits.Settled();
        Assert.Equal(9, commits.LastSequence);

        // Nothing in flight: heard at once.
        commits.Heard(10);
        Assert.Equal(10, commits.LastSequence);
    }

    [Fact]
    public void AFailedCommitsEchoIsTakenAtTheDatabasesWordOnceItSettles()
    {
        // A COMMIT whose answer was lost may still have landed.
        var commits = new LedgerCommits();
        commits.Committing();
        commits.Heard(5);
        commits.Settled();
        Assert.Equal(5, commits.LastSequence);

        // Two in flight here: each one settling lets readers wake for what was heard until then.
        commits.Committing();
        commits.Committing();
        commits.Heard(6);
        commits.Settled();
        Assert.Equal(6, commits.LastSequence);
        commits.Heard(7);
        Assert.Equal(6, commits.LastSequence);
        commits.Settled();
        Assert.Equal(7, commits.LastSequence);
    }

    private static StoredEvent Closed(long sequence) => new(sequence, At, new PollClosed(Guid.CreateVersion7(), "owner", At));
}
