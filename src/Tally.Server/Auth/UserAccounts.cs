using Microsoft.AspNetCore.Identity;
using Tally.Domain.Errors;
using Tally.Domain.Users;
using Tally.Ledger.Stores;
using Tally.Ledger.Users;

namespace Tally.Server.Auth;

/// <summary>Registration and login. Passwords are hashed with ASP.NET Core Identity's PBKDF2 hasher; the plain text is never stored.</summary>
public sealed class UserAccounts(IUserStore users, TokenIssuer tokens, TimeProvider clock)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    // Verified against when the username is unknown, so a miss takes as long as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(null!, "decoy-password-never-matches");

    public async Task<Outcome<Session>> RegisterAsync(string? username, string? password, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Username.Normalise(username);
        if (name is null || !Username.MayRegister(name))
        {
            errors["username"] = [Username.Rule];
        }
        if (password is null || password.Length is < 8 or > 256)
        {
            errors["password"] = ["A password is 8 to 256 characters."];
        }
        if (errors.Count > 0)
        {
            return Rejections.RegistrationInvalid(errors);
        }
        var account = new UserAccount(Guid.CreateVersion7().ToString(), name!, "", clock.GetUtcNow());
        account = account with { PasswordHash = Hasher.HashPassword(account, password!) };
        if (!await users.CreateAsync(account, ct).ConfigureAwait(false))
        {
            return Rejections.UsernameTaken;
        }
        return Outcome<Session>.Ok(Open(account));
    }

    public async Task<Outcome<Session>> LoginAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Rejections.CredentialsMissing;
        }
        // Normalised as at registration, but not held to today's pattern: a name registered under older rules still signs in.
        var name = Username.Normalise(username);
        var account = name is null ? null : await users.FindByUsernameAsync(name, ct).ConfigureAwait(false);
        var result = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DecoyHash, password);
        if (account is null || result == PasswordVerificationResult.Failed)
        {
            return Rejections.InvalidCredentials;
        }
        return Outcome<Session>.Ok(Open(account));
    }

    private Session Open(UserAccount account) => new(account.UserId, account.Username, tokens.Issue(account.UserId, account.Username));
}
