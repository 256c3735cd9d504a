using Tally.Domain.Ballots;
using Tally.Domain.Commands;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Judging;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Tests.Judging;

/// <summary>
/// The rows a ledger keeps, held in memory, and a ledger's part in judging done the way both ledgers do it: read the keys
/// and polls, run each round's inserts against the live-vote rule, read lost keys again, append the accepted votes.
/// </summary>
public sealed class JudgedRows
{
    public const string Owner = "owner";

    /// <summary>Polls 0 to <see cref="PollCount"/> - 1 exist; <see cref="PollCount"/> names one that does not.</summary>
    public const int PollCount = 5;

    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ClientInfo Client = new(null, null);

    private static readonly Poll[] InitialPolls =
    [
        Poll(0, regions: [], allowVoteChange: true),
        Poll(1, regions: ["EU", "US"], allowVoteChange: true, options: 2),
        Poll(2, regions: [], allowVoteChange: true, end: Now.AddHours(-1)),
        Poll(3, regions: [], allowVoteChange: true, start: Now.AddHours(1)),
        Poll(4, regions: [], allowVoteChange: false),
    ];

    private readonly Dictionary<Guid, Poll> _polls = InitialPolls.ToDictionary(p => p.Id);
    private readonly Dictionary<(Guid PollId, string VoterId), LiveVote> _live = [];
    private readonly Dictionary<VoterKey, StoredKey> _keys = [];
    private long _sequence;

    public List<LedgerEvent> Events { get; } = [];

    /// <returns>Each command's outcome, in command order.</returns>
    public List<object> Run(IReadOnlyList<JudgedCommand> commands, bool batch)
    {
        var outcomes = new List<object>();
        var pending = new List<PendingVote>();
        for (var index = 0; index < commands.Count; index++)
        {
            var command = commands[index];
            var pollId = PollId(command.Poll);
            if (command.Type == JudgedCommand.Kind.Vote)
            {
                if (!batch || command.NewBatch)
                {
                    Commit(pending, outcomes);
                }
                var ballot = new Ballot(pollId, command.Actor, command.OptionId, command.Region);
                pending.Add(new PendingVote(new CastVote(ballot, command.Key, Client), new Guid(index, 0, 0, new byte[8])));
                continue;
            }
            Commit(pending, outcomes);
            outcomes.Add(command.Type == JudgedCommand.Kind.Retract
                ? Retract(command.Retraction(pollId))
                : Close(pollId, command.Actor));
        }
        Commit(pending, outcomes);
        return outcomes;
    }

    /// <summary>Live votes and stored keys, in a comparable order.</summary>
    public string[] State() =>
    [
        .. _live.Select(l => $"{l.Key.PollId}/{l.Key.VoterId}={l.Value}").Order(StringComparer.Ordinal),
        .. _keys.Select(k => $"{k.Key}={k.Value}").Order(StringComparer.Ordinal),
    ];

    private void Commit(List<PendingVote> votes, List<object> outcomes)
    {
        if (votes.Count == 0)
        {
            return;
        }
        var judge = new BatchJudge(votes.ToArray());
        FindKeys(judge, judge.KeyedVotes);
        foreach (var pollId in judge.PollIds)
        {
            if (_polls.TryGetValue(pollId, out var poll))
            {
                judge.Found(poll);
            }
        }
        var lastRound = false;
        for (var inserts = judge.FirstRound(Now); inserts.Count > 0; inserts = judge.NextRound())
        {
            // A ledger appends the events with the round the judge calls its last: no round may come after it.
            Assert.False(lastRound, "A round with inserts came after the one the judge called its last.");
            lastRound = judge.LastRound;
            foreach (var i in inserts)
            {
                var ballot = judge.Votes[i].Ballot;
                // The live-vote index: one live vote per (poll, voter).
                if (_live.TryAdd((ballot.PollId, ballot.VoterId), new LiveVote(judge.Votes[i].VoteId, ballot.OptionId, ballot.Region)))
                {
                    judge.WentIn(i);
                }
            }
            FindKeys(judge, judge.LostWithKey());
        }
        var accepted = judge.Accepted();
        foreach (var i in accepted)
        {
            Events.Add(judge.Cast(i));
        }
        var result = judge.Outcomes(_sequence + 1);
        _sequence += accepted.Count;
        foreach (var i in accepted)
        {
            if (judge.Votes[i].Command.IdempotencyKey is not null)
            {
                var key = BatchJudge.KeyOf(judge.Votes[i]);
                _keys[key] = new StoredKey(key, judge.Votes[i].Fingerprint, result[i].Value!);
            }
        }
        foreach (var outcome in result)
        {
            outcomes.Add(outcome);
        }
        votes.Clear();
    }

    private void FindKeys(BatchJudge judge, IReadOnlyList<int> votes)
    {
        foreach (var i in votes)
        {
            if (_keys.TryGetValue(BatchJudge.KeyOf(judge.Votes[i]), out var stored))
            {
                judge.Found(stored);
            }
        }
    }

    private Outcome<Retraction> Retract(RetractVote command)
    {
        if (RetractionJudge.Check(_polls.GetValueOrDefault(command.PollId), Now) is { } refusal)
        {
            return refusal;
        }
        _live.Remove((command.PollId, command.VoterId), out var live);
        var verdict = RetractionJudge.Retract(command, live, Now);
        if (verdict.Value is not { } retracted)
        {
            return verdict.Rejection!;
        }
        Events.Add(retracted);
        return Outcome<Retraction>.Ok(RetractionJudge.Receipt(retracted, ++_sequence));
    }

    private Outcome<ClosedPoll> Close(Guid pollId, string requestedBy)
    {
        var poll = _polls.GetValueOrDefault(pollId);
        if (CloseJudge.Check(poll, requestedBy) is { } refusal)
        {
            return refusal;
        }
        var verdict = CloseJudge.Judge(poll, requestedBy, Now);
        if (verdict.Refusal is { } late)
        {
            return late;
        }
        if (verdict.Event is { } closing)
        {
            _polls[pollId] = verdict.Poll!;
            Events.Add(closing);
            ++_sequence;
        }
        return Outcome<ClosedPoll>.Ok(new ClosedPoll(verdict.Poll!, _sequence));
    }

    private static Guid PollId(int poll) => new(0, 0, (short)(poll + 1), new byte[8]);

    private static Poll Poll(int index, string[] regions, bool allowVoteChange, int options = 3, DateTimeOffset? start = null, DateTimeOffset? end = null) =>
        new(PollId(index), Owner, $"Poll {index}", null,
            Enumerable.Range(1, options).Select(id => new PollOption(id, $"Option {id}")).ToArray(),
            regions, start, end, new PollSettings(ResultsVisibility.Live, allowVoteChange), Now.AddDays(-1), ClosedAt: null);
}
