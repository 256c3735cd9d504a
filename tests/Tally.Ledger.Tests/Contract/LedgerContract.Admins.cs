using Tally.Domain.Events;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task AGrantMakesAnAdminWithAnAuditRowAndAnEvent()
    {
        var sequence = await Ledger.Admins.GrantAsync("idp:carol", "root", Ct);

        Assert.NotNull(sequence);
        Assert.True(await Ledger.Admins.IsGrantedAsync("idp:carol", Ct));
        Assert.False(await Ledger.Admins.IsGrantedAsync("idp:dave", Ct));
        var grant = Assert.Single(await Ledger.Admins.ListAsync(Ct));
        Assert.Equal(("idp:carol", "root"), (grant.VoterId, grant.GrantedBy));
        Assert.Equal(("root", "idp:carol"), Assert.Single(await Fixture.ReadAuditRowsAsync("admin_granted", Ct)));
        var stored = Assert.Single(await ReadAllEventsAsync());
        Assert.Equal(sequence, stored.Sequence);
        Assert.Equal("idp:carol", Assert.IsType<AdminGranted>(stored.Event).VoterId);
    }

    [Fact]
    public async Task GrantingAnAdminTwiceChangesNothingTheSecondTime()
    {
        await Ledger.Admins.GrantAsync("idp:carol", "root", Ct);

        Assert.Null(await Ledger.Admins.GrantAsync("idp:carol", "someone-else", Ct));

        Assert.Equal("root", Assert.Single(await Ledger.Admins.ListAsync(Ct)).GrantedBy);
        Assert.Single(await ReadAllEventsAsync());
        Assert.Single(await Fixture.ReadAuditRowsAsync("admin_granted", Ct));
    }

    [Fact]
    public async Task ARevokedGrantIsKeptFlaggedAndCanBeMadeAgain()
    {
        await Ledger.Admins.GrantAsync("idp:carol", "root", Ct);

        Assert.NotNull(await Ledger.Admins.RevokeAsync("idp:carol", "root", Ct));
        Assert.False(await Ledger.Admins.IsGrantedAsync("idp:carol", Ct));
        Assert.Empty(await Ledger.Admins.ListAsync(Ct));
        Assert.Null(await Ledger.Admins.RevokeAsync("idp:carol", "root", Ct));

        Assert.NotNull(await Ledger.Admins.GrantAsync("idp:carol", "other-admin", Ct));
        Assert.True(await Ledger.Admins.IsGrantedAsync("idp:carol", Ct));
        Assert.Equal(
            [typeof(AdminGranted), typeof(AdminRevoked), typeof(AdminGranted)],
            (await ReadAllEventsAsync()).Select(e => e.Event.GetType()));
        Assert.Single(await Fixture.ReadAuditRowsAsync("admin_revoked", Ct));
    }

    [Fact]
    public async Task RevokingSomeoneWhoWasNeverAnAdminChangesNothing()
    {
        Assert.Null(await Ledger.Admins.RevokeAsync("idp:nobody", "root", Ct));

        Assert.Empty(await ReadAllEventsAsync());
    }
}
