namespace Tally.Ledger.Users;

/// <summary>A registered user. The password is only ever held as a salted hash.</summary>
public sealed record UserAccount(string UserId, string Username, string PasswordHash, DateTimeOffset CreatedAt);
