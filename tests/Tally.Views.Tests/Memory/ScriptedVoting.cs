using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// A log of a few polls with votes in and out of regions, changed and retracted votes, admin retractions (some reinstated,
/// some voted again after), and a closed poll amended by an admin afterwards.
/// </summary>
internal sealed class ScriptedVoting
{
    public static readonly string[] Regions = ["EU", "US"];

    public EventScript Log { get; } = new();

    public Poll[] Polls { get; } =
    [
        EventScript.NewPoll("Lunch today", regions: Regions),
        EventScript.NewPoll("Lunch tomorrow", options: 4, regions: Regions),
        EventScript.NewPoll("Dinner"),
    ];

    public string[] Voters { get; } = Enumerable.Range(0, 30).Select(i => $"voter-{i}").ToArray();

    /// <summary>
    /// Creates the polls, then has every voter vote in each, some change and some retract; an admin retracts a few votes,
    /// reinstates some and some voters vote again; the last poll closes, and an admin changes it afterwards.
    /// </summary>
    public IReadOnlyList<StoredEvent> Play()
    {
        foreach (var poll in Polls)
        {
            Log.Created(poll);
        }
        for (var round = 0; round < 2; round++)
        {
            foreach (var poll in Polls)
            {
                for (var v = 0; v < Voters.Length; v++)
                {
                    Log.Now = EventScript.Start.AddSeconds(round * 60 + v);
                    if (round == 1 && v % 3 != 2)
                    {
                        Log.Retract(poll, Voters[v]);
                    }
                    // A changed vote is a retraction and a new vote, as the ledger writes it.
                    if (round == 0 || v % 3 == 1)
                    {
                        Log.Vote(poll, Voters[v], (v + round) % poll.Options.Count + 1, poll.Regions.Count > 0 ? Regions[v % 2] : null);
                    }
                }
            }
        }
        foreach (var poll in Polls)
        {
            Log.Now = EventScript.Start.AddMinutes(3);
            foreach (var v in new[] { 2, 5, 8, 11 })
            {
                Log.RetractByAdmin(poll, Voters[v], "bot farm");
            }
            Log.Now = EventScript.Start.AddMinutes(4);
            Log.Reinstate(poll, Voters[5]);
            Log.Vote(poll, Voters[8], 1, poll.Regions.Count > 0 ? Regions[0] : null);
        }
        Log.Close(Polls[2], EventScript.Start.AddMinutes(5));
        Log.Now = EventScript.Start.AddMinutes(6);
        Log.RetractByAdmin(Polls[2], Voters[14], "late review");
        Log.Reinstate(Polls[2], Voters[2]);
        return Log.All;
    }
}
