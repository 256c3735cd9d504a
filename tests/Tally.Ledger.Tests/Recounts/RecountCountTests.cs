using Tally.Ledger.Recounts;

namespace Tally.Ledger.Tests.Recounts;

public sealed class RecountCountTests
{
    [Fact]
    public void TheHashIsSha256OverTheListingAnAuditorPrints()
    {
        using var count = new RecountCount(2, null);
        count.Add(Guid.Parse("0A000000-0000-0000-0000-000000000001"), 1, null);
        count.Add(Guid.Parse("a0000000-0000-0000-0000-000000000002"), 2, null);

        // printf '0a000000-0000-0000-0000-000000000001\na0000000-0000-0000-0000-000000000002\n' | sha256sum
        Assert.Equal("40f5e83ffc3a6428d1b0b590362d4c4d11158260019285ad174f06c7d61bad78", count.Finish(7).VoteIdsSha256);
    }

    [Fact]
    public void NoVotesHashAsTheEmptyListing()
    {
        using var count = new RecountCount(2, ["north"]);

        var ledger = count.Finish(0);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ledger.VoteIdsSha256);
        Assert.Equal([("north", 0L)], ledger.Regions!.Select(r => (r.Region, r.Total)));
    }

    [Fact]
    public void AListingOutOfTextOrderOrForAnUnknownOptionIsRefused()
    {
        using var count = new RecountCount(2, null);
        count.Add(Guid.Parse("a0000000-0000-0000-0000-000000000000"), 1, null);

        Assert.Throws<InvalidOperationException>(() => count.Add(Guid.Parse("0a000000-0000-0000-0000-000000000000"), 1, null));
        Assert.Throws<InvalidOperationException>(() => count.Add(Guid.Parse("b0000000-0000-0000-0000-000000000000"), 3, null));
    }
}
