using Tally.Domain.Events;
using Tally.Domain.Polls;
using Tally.Views.Tests.Support;

namespace Tally.Views.Tests.Memory;

/// <summary>A log of a few polls with votes in and out of regions, changed and retracted votes, and a closed poll.</summary>
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

    /// <summary>Creates the polls, then has every voter vote in each, some change and some retract; the last poll closes.</summary>
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
        Log.Close(Polls[2], EventScript.Start.AddMinutes(5));
        return Log.All;
    }
}
