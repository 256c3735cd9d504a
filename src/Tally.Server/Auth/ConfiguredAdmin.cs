namespace Tally.Server.Auth;

/// <summary>
/// One <c>Tally:Auth:Admins:N</c> entry: an own account by its user id, or an external voter by issuer and subject.
/// Never a username, which anybody could register first.
/// </summary>
public sealed class ConfiguredAdmin
{
    public string? UserId { get; set; }

    public string? Issuer { get; set; }

    public string? Subject { get; set; }
}
