using Tally.Ledger.Users;

namespace Tally.Ledger.Tests.Contract;

public abstract partial class LedgerContract
{
    [Fact]
    public async Task ACreatedUserIsFoundByUsername()
    {
        var user = new UserAccount("user-1", "alice", "pbkdf2-hash", DateTimeOffset.UtcNow);

        Assert.True(await Ledger.Users.CreateAsync(user, Ct));

        Assert.Equal(user, await Ledger.Users.FindByUsernameAsync("alice", Ct));
    }

    [Fact]
    public async Task AnUnknownUsernameIsNotFound() => Assert.Null(await Ledger.Users.FindByUsernameAsync("nobody", Ct));

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("Alice")]
    public async Task ATakenUsernameIsRefusedWhateverItsCase(string username)
    {
        var original = new UserAccount("user-1", "alice", "hash-1", DateTimeOffset.UtcNow);
        Assert.True(await Ledger.Users.CreateAsync(original, Ct));

        Assert.False(await Ledger.Users.CreateAsync(new UserAccount("user-2", username, "hash-2", DateTimeOffset.UtcNow), Ct));

        Assert.Equal(original, await Ledger.Users.FindByUsernameAsync("alice", Ct));
    }

    [Fact]
    public async Task FindingAUserIgnoresUsernameCase()
    {
        var user = new UserAccount("user-1", "Alice", "hash", DateTimeOffset.UtcNow);
        await Ledger.Users.CreateAsync(user, Ct);

        Assert.Equal(user, await Ledger.Users.FindByUsernameAsync("aLICE", Ct));
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOneUsernameLetExactlyOneIn()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Ledger.Users.CreateAsync(new UserAccount($"user-{i}", i % 2 == 0 ? "bob" : "BOB", "hash", DateTimeOffset.UtcNow), Ct), Ct)));

        Assert.Single(results, created => created);
        Assert.NotNull(await Ledger.Users.FindByUsernameAsync("bob", Ct));
    }
}
