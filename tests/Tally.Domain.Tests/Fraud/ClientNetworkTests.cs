using Tally.Domain.Fraud;

namespace Tally.Domain.Tests.Fraud;

public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void AnAddressBelongsToItsSlash24OrSlash64(string? address, string? network) =>
        Assert.Equal(network, ClientNetwork.Of(address));

    [Fact]
    public void AnIpv4MappedAddressReadsAsTheIpv4One() =>
        Assert.Equal("192.0.2.5", ClientNetwork.Canonical("::ffff:192.0.2.5"));
}
