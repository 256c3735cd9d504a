using Tally.Domain.Blocks;

namespace Tally.Domain.Tests.Blocks;

public sealed class BlockRulesTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Poll = Guid.Parse("0195f3a0-0000-7000-8000-000000000001");
    private static readonly Guid OtherPoll = Guid.Parse("0195f3a0-0000-7000-8000-000000000002");

    private static Block On(BlockTarget target, string value, Guid? poll = null, DateTimeOffset? until = null) =>
        new(Guid.CreateVersion7(), target, value, poll, Now.AddMinutes(-1), until, "admin", "bots");

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.8", false)]
    [InlineData(null, false)]
    [InlineData("not an address", false)]
    public void AnAddressBlockStopsThatAddressInAnyForm(string? from, bool stopped) =>
        Assert.Equal(stopped, BlockRules.Stops(On(BlockTarget.IpAddress, "203.0.113.7"), Poll, "voter", from, Now));

    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.250", true)]
    [InlineData("198.51.100.0/24", "198.51.101.1", false)]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:2:aaaa::9", true)]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:3::9", false)]
    public void ANetworkBlockStopsEveryAddressInside(string network, string from, bool stopped) =>
        Assert.Equal(stopped, BlockRules.Stops(On(BlockTarget.Network, network), Poll, "voter", from, Now));

    [Fact]
    public void AVoterBlockStopsThatVoterFromAnyAddressAndNoOneElse()
    {
        var block = On(BlockTarget.Voter, "issuer:alice");

        Assert.True(BlockRules.Stops(block, Poll, "issuer:alice", "192.0.2.1", Now));
        Assert.True(BlockRules.Stops(block, Poll, "issuer:alice", null, Now));
        Assert.False(BlockRules.Stops(block, Poll, "issuer:ALICE", "192.0.2.1", Now));
    }

    [Fact]
    public void ABlockOnOnePollLeavesOtherPollsAloneAndOneOnEveryPollStopsThemAll()
    {
        Assert.False(BlockRules.Stops(On(BlockTarget.Voter, "v", Poll), OtherPoll, "v", null, Now));
        Assert.True(BlockRules.Stops(On(BlockTarget.Voter, "v", Poll), Poll, "v", null, Now));
        Assert.True(BlockRules.Stops(On(BlockTarget.Voter, "v"), OtherPoll, "v", null, Now));
    }

    [Fact]
    public void ABlockStopsNothingOnceItRunsOutOrIsLifted()
    {
        var block = On(BlockTarget.Voter, "v", until: Now.AddSeconds(1));

        Assert.True(BlockRules.Stops(block, Poll, "v", null, Now));
        Assert.False(BlockRules.Stops(block, Poll, "v", null, Now.AddSeconds(1)));
        Assert.False(BlockRules.Stops(block with { LiftedAt = Now, LiftedBy = "admin" }, Poll, "v", null, Now));
    }

    [Theory]
    [InlineData(BlockTarget.IpAddress, "::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData(BlockTarget.IpAddress, "10.0.0", null)]
    [InlineData(BlockTarget.Network, "10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(BlockTarget.Network, "10.0.0.0/33", null)]
    [InlineData(BlockTarget.Voter, " ", null)]
    public void ValuesAreKeptInOneCanonicalFormOrRefused(BlockTarget target, string given, string? kept) =>
        Assert.Equal(kept, BlockRules.Canonical(target, given));
}
