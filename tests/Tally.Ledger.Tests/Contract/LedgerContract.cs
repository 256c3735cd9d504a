using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Ledger.Tests.Contract;

/// <summary>
/// What every ledger implementation must do, whatever stores it. A concrete subclass supplies the storage through a
/// <see cref="LedgerFixture"/>; the tests themselves only use the public stores, handlers and event log.
/// Tests are split across partial files by area.
/// </summary>
public abstract partial class LedgerContract(LedgerFixture fixture) : IAsyncLifetime
{
    protected const string Owner = "owner-1";

    protected static readonly ClientInfo Client = new("203.0.113.7", "tally-tests/1.0");

    protected LedgerFixture Fixture { get; } = fixture;

    protected LedgerHost Ledger { get; private set; } = null!;

    /// <summary>The ledger's clock: the system clock, which a race test may pause once.</summary>
    protected PausableClock Clock { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Ledger = await LedgerHost.StartAsync(Fixture, Clock, Ct);

    public async ValueTask DisposeAsync()
    {
        if (Ledger is not null)
        {
            await Ledger.DisposeAsync();
        }
        await Fixture.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the ledger and builds a new one on the same storage, as a process restart would.</summary>
    protected async Task RestartAsync()
    {
        await Ledger.DisposeAsync();
        Ledger = await LedgerHost.StartAsync(Fixture, Clock, Ct);
    }

    protected static PollDraft Draft(
        string[]? regions = null, bool allowVoteChange = true, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new("Lunch?", "Where shall we eat?", ["Pizza", "Sushi", "Salad"], regions ?? [], start, end,
            new PollSettings(ResultsVisibility.Live, allowVoteChange));

    protected async Task<Poll> CreatePollAsync(PollDraft? draft = null, string owner = Owner)
    {
        var outcome = await Ledger.CreatePoll.HandleAsync(new CreatePoll(owner, draft ?? Draft()), Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Message);
        return outcome.Value!.Poll;
    }

    protected async Task CloseAsync(Poll poll)
    {
        var outcome = await Ledger.ClosePoll.HandleAsync(new ClosePoll(poll.Id, poll.OwnerId), Ct);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Message);
    }

    protected Task<Outcome<VoteReceipt>> VoteAsync(Poll poll, string voter, int option, string? region = null, string? key = null) =>
        Ledger.CastVote.HandleAsync(Cast(poll.Id, voter, option, region, key), Ct);

    protected async Task<VoteReceipt> VoteOkAsync(Poll poll, string voter, int option, string? region = null, string? key = null)
    {
        var outcome = await VoteAsync(poll, voter, option, region, key);
        Assert.True(outcome.Succeeded, outcome.Rejection?.Code);
        return outcome.Value!;
    }

    protected Task<Outcome<Retraction>> RetractAsync(Poll poll, string voter) =>
        Ledger.RetractVote.HandleAsync(new RetractVote(poll.Id, voter, Client), Ct);

    protected static CastVote Cast(Guid pollId, string voter, int option, string? region = null, string? key = null) =>
        new(new Ballot(pollId, voter, option, region), key, Client);

    protected Task<long> HighWaterMarkAsync() => Ledger.Events.ReadHighWaterMarkAsync(Ct);

    protected Task<IReadOnlyList<StoredEvent>> ReadAllEventsAsync() => Ledger.Events.ReadAfterAsync(0, int.MaxValue, Ct);

    protected static void AssertRejected<T>(string code, Outcome<T> outcome)
    {
        Assert.False(outcome.Succeeded, $"expected {code}, but the command succeeded");
        Assert.Equal(code, outcome.Rejection!.Code);
    }
}
