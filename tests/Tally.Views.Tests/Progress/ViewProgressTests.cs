using Tally.Views.Progress;

namespace Tally.Views.Tests.Progress;

public sealed class ViewProgressTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);
    private static readonly DateTimeOffset At = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly ViewProgress _progress = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWaitReturnsTrueOnceTheSequenceIsApplied()
    {
        var waiting = _progress.WaitForAsync(5, Generous, Ct);
        Assert.False(waiting.IsCompleted);

        _progress.Advance(3, At);
        Assert.False(waiting.IsCompleted);

        _progress.Advance(5, At.AddSeconds(1));
        Assert.True(await waiting);
    }

    [Fact]
    public async Task AWaitForASequenceAlreadyAppliedReturnsTrueAtOnce()
    {
        _progress.Advance(10, At);

        var waiting = _progress.WaitForAsync(7, Generous, Ct);

        Assert.True(waiting.IsCompleted);
        Assert.True(await waiting);
    }

    [Fact]
    public async Task AfterARewindReadersWaitForTheRebuildAgain()
    {
        _progress.Advance(10, At);

        _progress.Rewind(0);
        var waiting = _progress.WaitForAsync(7, Generous, Ct);

        Assert.Equal(0, _progress.AppliedSequence);
        Assert.False(waiting.IsCompleted);
        _progress.Advance(7, At);
        Assert.True(await waiting);
    }

    [Fact]
    public async Task AWaitReturnsFalseWhenTheTimeoutPassesFirst()
    {
        _progress.Advance(4, At);

        Assert.False(await _progress.WaitForAsync(5, Short, Ct));
    }

    [Fact]
    public async Task AnAdvanceShortOfTheSequenceDoesNotSatisfyAWait()
    {
        var waiting = _progress.WaitForAsync(5, TimeSpan.FromMilliseconds(200), Ct);

        _progress.Advance(4, At);

        Assert.False(await waiting);
    }

    [Fact]
    public async Task ACancelledWaitThrows()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = _progress.WaitForAsync(5, Generous, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void ProgressReportsTheLastSequenceAndItsCommitTime()
    {
        Assert.Equal(0, _progress.AppliedSequence);

        _progress.Advance(42, At);

        Assert.Equal(42, _progress.AppliedSequence);
        Assert.Equal(At, _progress.AppliedEventTime);
    }
}
