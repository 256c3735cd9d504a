using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tally.Views.Memory;

namespace Tally.Views.Fraud;

/// <summary>The daemon's working fraud data of one poll in memory: votes are appended, so a snapshot costs no copy.</summary>
internal sealed class MemoryFraudPoll(DateTimeOffset? closesAt, bool forgotten)
{
    private AppendOnlyList<FraudVote> _votes = new();
    private ImmutableHashSet<Guid>.Builder _gone = ImmutableHashSet.CreateBuilder<Guid>();
    private ConcurrentDictionary<ulong, string> _texts = new();

    public DateTimeOffset? ClosesAt { get; private set; } = closesAt;

    public bool Forgotten { get; private set; } = forgotten;

    public void Record(FraudVote vote, string? network, string? agent)
    {
        if (Forgotten)
        {
            return;
        }
        _votes.Add(vote);
        if (network is not null)
        {
            _texts.TryAdd(vote.Network, network);
        }
        if (agent is not null)
        {
            _texts.TryAdd(vote.Agent, agent);
        }
    }

    public void Live(Guid voteId, bool live)
    {
        if (live)
        {
            _gone.Remove(voteId);
        }
        else if (!Forgotten)
        {
            _gone.Add(voteId);
        }
    }

    public void Close(DateTimeOffset closedAt, bool forget)
    {
        ClosesAt = closedAt;
        if (forget)
        {
            Forget();
        }
    }

    /// <summary>Drops the votes; published snapshots keep theirs until readers let go.</summary>
    public void Forget()
    {
        Forgotten = true;
        _votes = new AppendOnlyList<FraudVote>();
        _gone = ImmutableHashSet.CreateBuilder<Guid>();
        _texts = new ConcurrentDictionary<ulong, string>();
    }

    /// <summary>Holds what a snapshot image held, in place of nothing.</summary>
    public void Restore(IEnumerable<FraudVote> votes, IEnumerable<Guid> gone, IEnumerable<KeyValuePair<ulong, string>> texts)
    {
        foreach (var vote in votes)
        {
            _votes.Add(vote);
        }
        _gone.UnionWith(gone);
        foreach (var (key, text) in texts)
        {
            _texts[key] = text;
        }
    }

    public MemoryFraudSnapshot Freeze()
    {
        _votes.Publish();
        return new MemoryFraudSnapshot(_votes.Published, _gone.ToImmutable(), _texts, ClosesAt, Forgotten);
    }
}
