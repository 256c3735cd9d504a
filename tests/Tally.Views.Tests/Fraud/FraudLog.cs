using Tally.Domain.Events;
using Tally.Domain.Polls;

namespace Tally.Views.Tests.Fraud;

/// <summary>A log as the ledger writes it for fraud review: votes with their client, registrations, admin retractions and reinstatements.</summary>
internal sealed class FraudLog
{
    private readonly List<StoredEvent> _events = [];

    public IReadOnlyList<StoredEvent> All => _events;

    public StoredEvent Created(Poll poll) => Append(new PollCreated(poll), poll.CreatedAt);

    public VoteCast Vote(Poll poll, string voter, string? ip, DateTimeOffset at, string? agent = "Mozilla/5.0")
    {
        var cast = new VoteCast(Guid.NewGuid(), poll.Id, voter, 1, null, at, ip, agent);
        Append(cast, at);
        return cast;
    }

    public StoredEvent Retract(VoteCast cast, DateTimeOffset at) =>
        Append(new VoteRetracted(cast.VoteId, cast.PollId, cast.VoterId, cast.OptionId, cast.Region, at, "admin-1", "bot"), at);

    public StoredEvent Reinstate(VoteCast cast, DateTimeOffset at) =>
        Append(new VoteReinstated(cast.VoteId, cast.PollId, cast.VoterId, cast.OptionId, cast.Region, cast.RecordedAt, "admin-1", at), at);

    public StoredEvent Registered(string voter, DateTimeOffset at) => Append(new UserRegistered(voter, at), at);

    public StoredEvent Close(Poll poll, DateTimeOffset at) => Append(new PollClosed(poll.Id, poll.OwnerId, at), at);

    private StoredEvent Append(LedgerEvent e, DateTimeOffset at)
    {
        var stored = new StoredEvent(_events.Count + 1, at, e);
        _events.Add(stored);
        return stored;
    }
}
