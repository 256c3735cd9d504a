using CsCheck;
using Tally.Domain.Ballots;
using Tally.Domain.Errors;

namespace Tally.Ledger.Tests.Judging;

/// <summary>
/// The judge alone, against rows held by <see cref="JudgedRows"/>: however a run of commands is cut into group-commit
/// batches, every command gets the outcome it gets when each vote is committed on its own, and the rows and events left
/// behind are the same.
/// </summary>
public sealed class BatchJudgeProperties
{
    private static readonly Gen<JudgedCommand> Vote = Gen.Select(
        Gen.Int[0, JudgedRows.PollCount], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool,
        (poll, voter, option, region, key, newBatch) => new JudgedCommand(
            JudgedCommand.Kind.Vote, poll, $"voter-{voter}", option, region switch { 0 => null, 1 => "EU", 2 => "US", _ => "XX" },
            key == 0 ? null : $"key-{key}", newBatch));

    private static readonly Gen<JudgedCommand> Retract = Gen.Select(Gen.Int[0, JudgedRows.PollCount], Gen.Int[0, 3],
        (poll, voter) => new JudgedCommand(JudgedCommand.Kind.Retract, poll, $"voter-{voter}", 0, null, null, true));

    private static readonly Gen<JudgedCommand> Close = Gen.Select(Gen.Int[0, JudgedRows.PollCount], Gen.Bool,
        (poll, byOwner) => new JudgedCommand(JudgedCommand.Kind.Close, poll, byOwner ? JudgedRows.Owner : "voter-0", 0, null, null, true));

    private static readonly Gen<JudgedCommand[]> Commands = Gen.Frequency((8, Vote), (1, Retract), (1, Close)).Array[1, 40];

    [Fact]
    public void AnyBatchingGivesTheOutcomesOfCommittingOneAtATime() =>
        Commands.Sample(commands =>
        {
            var batched = new JudgedRows();
            var alone = new JudgedRows();
            var together = batched.Run(commands, batch: true);
            var oneByOne = alone.Run(commands, batch: false);
            Assert.Equal(oneByOne, together);
            Assert.Equal(alone.Events, batched.Events);
            Assert.Equal(alone.State(), batched.State());
        }, iter: 5_000);

    [Fact]
    public void ABatchOfOneKeyRepeatedSharesOneReceiptAndAReusedKeyIsRefused()
    {
        var rows = new JudgedRows();
        var same = new JudgedCommand(JudgedCommand.Kind.Vote, 0, "voter-1", 1, null, "key-1", NewBatch: false);
        var other = same with { OptionId = 2 };
        var outcomes = rows.Run([same with { NewBatch = true }, same, other, same], batch: true);
        var receipt = Assert.IsType<Outcome<VoteReceipt>>(outcomes[0]).Value;
        Assert.NotNull(receipt);
        Assert.Equal(outcomes[0], outcomes[1]);
        Assert.Equal(outcomes[0], outcomes[3]);
        Assert.Equal(
            ErrorCodes.IdempotencyKeyReused,
            Assert.IsType<Outcome<VoteReceipt>>(outcomes[2]).Rejection?.Code);
        Assert.Single(rows.Events);
    }
}
