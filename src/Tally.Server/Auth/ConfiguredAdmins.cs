using Microsoft.Extensions.Options;

namespace Tally.Server.Auth;

/// <summary>The voters <c>Tally:Auth:Admins</c> names (checked at start by <see cref="AuthOptionsValidator"/>): each a user id, or an issuer Tally trusts plus a subject.</summary>
public sealed class ConfiguredAdmins
{
    private readonly HashSet<string> _voterIds = new(StringComparer.Ordinal);

    public ConfiguredAdmins(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        foreach (var entry in auth.Admins)
        {
            _voterIds.Add(string.IsNullOrWhiteSpace(entry.UserId) ? Domain.Voters.VoterIds.Of(entry.Issuer!, auth.Issuer, entry.Subject!) : entry.UserId);
        }
    }

    public IReadOnlyCollection<string> VoterIds => _voterIds;

    public bool Contains(string voterId) => _voterIds.Contains(voterId);
}
