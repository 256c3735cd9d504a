using Tally.Domain.Ballots;
using Tally.Domain.Errors;
using Tally.Domain.Events;
using Tally.Domain.Fraud;
using Tally.Domain.Polls;
using Tally.Ledger.GroupCommit;

namespace Tally.Ledger.Judging;

/// <summary>
/// Judges the votes of one group-commit transaction: each gets exactly the outcome it would get if the batch's votes were
/// committed one at a time in batch order — the stored answer replayed, a refusal, or an insert. It reads and writes
/// nothing itself: the ledger hands it the rows read inside the transaction, runs the inserts it asks for, and says which
/// went in.
/// </summary>
/// <remarks>
/// Only the unique index on live votes knows whether an insert goes in (another node may hold a live vote), so judging runs
/// in rounds. A round ends early at a vote whose key another vote of the round took for a different ballot: whether it is
/// refused (key reused) or judged on its own depends on whether that other vote's insert goes in.
/// The ledger's part, in order: <see cref="Found(StoredKey)"/> for the keys of <see cref="KeyedVotes"/> and
/// <see cref="Found(Poll)"/> for the polls of <see cref="PollIds"/>; then <see cref="FirstRound"/> with the commit-time
/// clock; for each round's inserts <see cref="WentIn"/> for those that went in, <see cref="Found(StoredKey)"/> for the keys
/// of <see cref="LostWithKey"/> read again, and <see cref="NextRound"/>, until a round is empty; then the events of
/// <see cref="Accepted"/>, in that order, and <see cref="Outcomes"/>.
/// </remarks>
public sealed class BatchJudge
{
    private readonly IReadOnlyList<PendingVote> _votes;
    private readonly Outcome<VoteReceipt>?[] _outcomes;

    /// <summary>For a vote answered with the receipt of a vote accepted in this same transaction: that vote's index; else -1.</summary>
    private readonly int[] _replayOf;

    private readonly bool[] _accepted;
    private readonly VoteCast?[] _casts;
    private readonly List<int> _keyedVotes = [];
    private readonly HashSet<Guid> _pollIds = [];
    private readonly Dictionary<Guid, Poll> _polls = [];

    /// <summary>Keys committed by earlier transactions.</summary>
    private readonly Dictionary<VoterKey, StoredKey> _storedKeys = [];

    /// <summary>Keys taken by votes accepted in this transaction, and by which.</summary>
    private readonly Dictionary<VoterKey, int> _claimedKeys = [];

    private readonly List<int> _round = [];
    private readonly Dictionary<VoterKey, int> _roundKeys = [];
    private readonly HashSet<(Guid, string)> _roundPairs = [];
    private readonly List<int> _sameBallotAsInsert = [];
    private readonly List<int> _lostWithKey = [];
    private List<int> _pending;
    private List<int> _next;
    private DateTimeOffset _now;

    public BatchJudge(IReadOnlyList<PendingVote> votes)
    {
        _votes = votes;
        _outcomes = new Outcome<VoteReceipt>?[votes.Count];
        _replayOf = new int[votes.Count];
        Array.Fill(_replayOf, -1);
        _accepted = new bool[votes.Count];
        _casts = new VoteCast?[votes.Count];
        _pending = new List<int>(votes.Count);
        _next = new List<int>(votes.Count);
        for (var i = 0; i < votes.Count; i++)
        {
            _pending.Add(i);
            if (votes[i].Command.IdempotencyKey is not null)
            {
                _keyedVotes.Add(i);
            }
            _pollIds.Add(votes[i].Ballot.PollId);
        }
    }

    public IReadOnlyList<PendingVote> Votes => _votes;

    /// <summary>The votes carrying an idempotency key: read their keys before the first round.</summary>
    public IReadOnlyList<int> KeyedVotes => _keyedVotes;

    /// <summary>The polls the batch votes in: read them (locked against a close) before the first round.</summary>
    public IReadOnlyCollection<Guid> PollIds => _pollIds;

    /// <summary>The commit time, given to <see cref="FirstRound"/>: every vote of the transaction is dated with it.</summary>
    public DateTimeOffset Now => _now;

    public static VoterKey KeyOf(PendingVote vote) => new(vote.Ballot.VoterId, vote.Command.IdempotencyKey!);

    /// <summary>A key the transaction found committed.</summary>
    public void Found(StoredKey key) => _storedKeys[key.Key] = key;

    /// <summary>A poll as the transaction read it; a poll never reported does not exist.</summary>
    public void Found(Poll poll) => _polls[poll.Id] = poll;

    /// <returns>The first round's inserts (indexes into <see cref="Votes"/>); none when no vote is to be inserted.</returns>
    public IReadOnlyList<int> FirstRound(DateTimeOffset now)
    {
        _now = now;
        return JudgeRound();
    }

    /// <summary>
    /// Whether the current round is the last that can insert (no vote is held back for a later one): a ledger may then
    /// append the accepted votes' events in the same statement as this round's inserts.
    /// </summary>
    public bool LastRound => _pending.Count == 0;

    /// <summary>An insert of the current round went in.</summary>
    public void WentIn(int vote) => _accepted[vote] = true;

    /// <summary>
    /// The current round's inserts that did not go in and carry a key: read their keys again. Such a vote may have lost to
    /// its own retry, committed by another node after the keys were first read; it then replays that answer.
    /// </summary>
    public IReadOnlyList<int> LostWithKey()
    {
        _lostWithKey.Clear();
        foreach (var i in _round)
        {
            if (!_accepted[i] && _votes[i].Command.IdempotencyKey is not null)
            {
                _lostWithKey.Add(i);
            }
        }
        return _lostWithKey;
    }

    /// <summary>Settles the current round with what the ledger reported, then judges the next.</summary>
    /// <returns>The next round's inserts; none when judging is over.</returns>
    public IReadOnlyList<int> NextRound()
    {
        foreach (var i in _round)
        {
            var vote = _votes[i];
            var key = vote.Command.IdempotencyKey;
            if (_accepted[i])
            {
                if (key is not null)
                {
                    _claimedKeys[KeyOf(vote)] = i;
                }
            }
            else
            {
                // Lost to a live vote: refused, unless that was its own retry's (see LostWithKey).
                _outcomes[i] = key is not null && _storedKeys.TryGetValue(KeyOf(vote), out var stored) ? Replay(vote, stored) : Rejections.AlreadyVoted;
            }
        }
        foreach (var i in _sameBallotAsInsert)
        {
            var voterKey = KeyOf(_votes[i]);
            var owner = _roundKeys[voterKey];
            if (_accepted[owner])
            {
                _replayOf[i] = owner;
            }
            else
            {
                // The same ballot as a vote that lost to a live vote loses the same way (or replays what it found).
                _outcomes[i] = _storedKeys.TryGetValue(voterKey, out var stored) ? Replay(_votes[i], stored) : Rejections.AlreadyVoted;
            }
        }
        return JudgeRound();
    }

    /// <summary>The accepted votes in batch order, which is the order of their events. Call once judging is over.</summary>
    public IReadOnlyList<int> Accepted()
    {
        var accepted = new List<int>(_votes.Count);
        for (var i = 0; i < _votes.Count; i++)
        {
            if (_accepted[i])
            {
                accepted.Add(i);
            }
        }
        return accepted;
    }

    /// <summary>The event of an accepted vote, built once: a ledger may need it both to append and to hand over.</summary>
    public VoteCast Cast(int vote)
    {
        if (_casts[vote] is { } cast)
        {
            return cast;
        }
        var ballot = _votes[vote].Ballot;
        var client = _votes[vote].Command.Client;
        return _casts[vote] = new VoteCast(_votes[vote].VoteId, ballot.PollId, ballot.VoterId, ballot.OptionId, ballot.Region, _now,
            ClientNetwork.Canonical(client.IpAddress), client.UserAgent);
    }

    /// <param name="firstSequence">The sequence of the first accepted vote's event; the others follow it in order.</param>
    public Outcome<VoteReceipt>[] Outcomes(long firstSequence)
    {
        var sequence = firstSequence;
        for (var i = 0; i < _votes.Count; i++)
        {
            if (_accepted[i])
            {
                var ballot = _votes[i].Ballot;
                _outcomes[i] = Outcome<VoteReceipt>.Ok(new VoteReceipt(_votes[i].VoteId, ballot.PollId, ballot.OptionId, ballot.Region, _now, sequence++));
            }
        }
        var outcomes = new Outcome<VoteReceipt>[_votes.Count];
        for (var i = 0; i < _votes.Count; i++)
        {
            outcomes[i] = _outcomes[_replayOf[i] >= 0 ? _replayOf[i] : i]
                ?? throw new InvalidOperationException($"Vote {i} of the batch was left without an outcome.");
        }
        return outcomes;
    }

    private List<int> JudgeRound()
    {
        _round.Clear();
        _roundKeys.Clear();
        _roundPairs.Clear();
        _sameBallotAsInsert.Clear();
        _next.Clear();
        for (var p = 0; p < _pending.Count; p++)
        {
            var i = _pending[p];
            var vote = _votes[i];
            var ballot = vote.Ballot;
            if (vote.Command.IdempotencyKey is not null)
            {
                var voterKey = KeyOf(vote);
                if (_storedKeys.TryGetValue(voterKey, out var stored))
                {
                    _outcomes[i] = Replay(vote, stored);
                    continue;
                }
                if (_claimedKeys.TryGetValue(voterKey, out var owner))
                {
                    if (_votes[owner].Fingerprint == vote.Fingerprint)
                    {
                        _replayOf[i] = owner;
                    }
                    else
                    {
                        _outcomes[i] = Rejections.IdempotencyKeyReused;
                    }
                    continue;
                }
                if (_roundKeys.TryGetValue(voterKey, out owner))
                {
                    if (_votes[owner].Fingerprint == vote.Fingerprint)
                    {
                        _sameBallotAsInsert.Add(i);
                        continue;
                    }
                    _next.AddRange(_pending.GetRange(p, _pending.Count - p));
                    break;
                }
            }
            // The poll's state as this transaction sees it: a close committed by anyone before now is honoured.
            if (!_polls.TryGetValue(ballot.PollId, out var poll))
            {
                _outcomes[i] = Rejections.PollNotFound;
                continue;
            }
            if (BallotRules.Check(poll, ballot, _now) is { } rejection)
            {
                _outcomes[i] = rejection;
                continue;
            }
            // A second vote for a (poll, voter) already being inserted loses, exactly as it would to the unique index one
            // statement later: the first in batch order wins.
            if (!_roundPairs.Add((ballot.PollId, ballot.VoterId)))
            {
                _outcomes[i] = Rejections.AlreadyVoted;
                continue;
            }
            _round.Add(i);
            if (vote.Command.IdempotencyKey is not null)
            {
                _roundKeys[KeyOf(vote)] = i;
            }
        }
        (_pending, _next) = (_next, _pending);
        return _round;
    }

    private static Outcome<VoteReceipt> Replay(PendingVote vote, StoredKey stored) =>
        stored.Fingerprint == vote.Fingerprint ? Outcome<VoteReceipt>.Ok(stored.Receipt) : Rejections.IdempotencyKeyReused;
}
