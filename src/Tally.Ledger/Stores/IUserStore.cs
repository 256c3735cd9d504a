using Tally.Ledger.Users;

namespace Tally.Ledger.Stores;

public interface IUserStore
{
    /// <returns>false when the username is taken.</returns>
    Task<bool> CreateAsync(UserAccount user, CancellationToken ct);

    Task<UserAccount?> FindByUsernameAsync(string username, CancellationToken ct);
}
