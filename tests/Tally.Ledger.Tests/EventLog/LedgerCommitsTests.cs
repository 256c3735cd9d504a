using Tally.Domain.Events;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Tests.EventLog;

/// <summary>
/// A commit heard from the database wakes readers, except this process's own echo while its writer still holds the
/// events: those arrive with the writer's own signal, in memory.
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

        commits.Committing(1);
        commits.Heard(1);

        Assert.Equal(0, commits.LastSequence);

        commits.Committed(1, [Closed(1)]);

        Assert.Equal(1, commits.LastSequence);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(1, Assert.Single(commits.Handoff.TakeAfter(0, 10)).Sequence);
    }

    [Fact]
    public void AnotherProcessesCommitWakesReadersEvenWhileOneIsInFlightHere()
    {
        var commits = new LedgerCommits();

        commits.Committing(8);
        commits.Heard(7);

        Assert.Equal(7, commits.LastSequence);
    }

    [Fact]
    public void AfterTheWriterIsDoneItsOwnSequenceHeardLateStillCounts()
    {
        var committedHere = new LedgerCommits();
        committedHere.Committing(3);
        committedHere.Committed(3, [Closed(3)]);
        committedHere.Heard(3);
        Assert.Equal(3, committedHere.LastSequence);

        // A COMMIT that failed may still have landed: the database's word on it is taken.
        var abandoned = new LedgerCommits();
        abandoned.Committing(5);
        abandoned.Abandoned(5);
        abandoned.Heard(5);
        Assert.Equal(5, abandoned.LastSequence);
    }

    private static StoredEvent Closed(long sequence) => new(sequence, At, new PollClosed(Guid.CreateVersion7(), "owner", At));
}
