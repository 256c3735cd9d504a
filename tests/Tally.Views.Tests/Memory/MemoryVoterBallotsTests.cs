using Tally.Views.VoterStatus;

namespace Tally.Views.Tests.Memory;

/// <summary>
/// The memory voter status against a plain model, through many batches that vote, change, retract (as the voter or as
/// an admin, whose retraction stays held, shown here as a negative option) and vote again (so
/// poll tables fill and are compacted often): readers see the published batch, and a snapshot pinned at one batch
/// reads that batch however many follow before it is done.
/// </summary>
public sealed class MemoryVoterBallotsTests
{
    private static readonly Guid Poll = Guid.NewGuid();

    [Theory]
    [InlineData(20301)]
    [InlineData(7)]
    [InlineData(4242)]
    [InlineData(99)]
    public void ReadersAndAPinnedSnapshotSeeTheirBatchThroughCompactions(int seed)
    {
        var random = new Random(seed);
        var ballots = new MemoryVoterBallots();
        var model = new Dictionary<string, int>();
        Dictionary<string, int>? pinnedModel = null;
        long pinned = -1;
        for (var batch = 1; batch <= 400; batch++)
        {
            var before = new Dictionary<string, int>(model);
            for (var i = random.Next(1, 40); i > 0; i--)
            {
                var voter = $"voter-{random.Next(60)}";
                var roll = random.Next(8);
                if (roll < 2)
                {
                    ballots.Retracted(Poll, voter);
                    model.Remove(voter);
                }
                else if (roll == 2)
                {
                    if (ballots.Ballots(Poll, long.MaxValue).FirstOrDefault(b => ballots.VoterId(b) == voter) is { IsLive: true } live)
                    {
                        ballots.RetractedByAdmin(Poll, voter, live.VoteId, batch, "bot");
                        model[voter] = -live.OptionId;
                    }
                }
                else
                {
                    var option = random.Next(1, 5);
                    ballots.Voted(Poll, voter, Guid.NewGuid(), batch, option);
                    model[voter] = option;
                }
            }
            // Half-way through the batch, readers still see the one before it.
            Assert.Equal(Sorted(before), Sorted(Read(ballots, ballots.Published)));
            ballots.Publish();
            Assert.Equal(Sorted(model), Sorted(Read(ballots, ballots.Published)));
            for (var v = 0; v < 60; v++)
            {
                var ballot = ballots.Get(Poll, $"voter-{v}");
                Assert.Equal(model.GetValueOrDefault($"voter-{v}"), ballot is null ? 0 : ballot.RetractedAt is null ? ballot.OptionId : -ballot.OptionId);
                Assert.Equal(ballot?.RetractedAt is null ? null : "bot", ballot?.RetractionReason);
            }

            if (batch % 50 == 10)
            {
                pinned = ballots.Pin();
                pinnedModel = new Dictionary<string, int>(model);
            }
            else if (batch % 50 == 40)
            {
                Assert.Equal(Sorted(pinnedModel!), Sorted(Read(ballots, pinned)));
                ballots.Unpin();
            }
        }
    }

    [Fact]
    public void ABallotVersionStaysFortyEightBytesWithItsRetraction() =>
        Assert.Equal(48, System.Runtime.CompilerServices.Unsafe.SizeOf<MemoryBallotEntry>());

    private static Dictionary<string, int> Read(MemoryVoterBallots ballots, long batch) =>
        ballots.Ballots(Poll, batch).ToDictionary(ballots.VoterId, b => b.IsLive ? b.OptionId : -b.OptionId);

    private static string Sorted(Dictionary<string, int> ballots) =>
        string.Join(",", ballots.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => $"{b.Key}={b.Value}"));
}
