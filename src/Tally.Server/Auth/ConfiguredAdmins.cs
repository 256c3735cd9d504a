namespace Tally.Server.Auth;

/// <summary>The voters <c>Tally:Auth:Admins</c> names, checked at start: each entry is a user id, or an issuer Tally trusts plus a subject.</summary>
public sealed class ConfiguredAdmins
{
    private readonly HashSet<string> _voterIds = new(StringComparer.Ordinal);

    public ConfiguredAdmins(AuthOptions options)
    {
        for (var i = 0; i < options.Admins.Count; i++)
        {
            var entry = options.Admins[i];
            var key = $"Tally:Auth:Admins:{i}";
            var byUserId = !string.IsNullOrWhiteSpace(entry.UserId);
            var byIssuer = !string.IsNullOrWhiteSpace(entry.Issuer) || !string.IsNullOrWhiteSpace(entry.Subject);
            if (byUserId == byIssuer)
            {
                throw new InvalidOperationException($"{key} needs either UserId, or Issuer and Subject (not both).");
            }
            if (byUserId)
            {
                // Tally's user ids are random GUIDs: nobody can register one to take an admin's place.
                if (!Guid.TryParse(entry.UserId, out _))
                {
                    throw new InvalidOperationException($"{key}:UserId is '{entry.UserId}', not a Tally user id (a GUID, as returned by register and login).");
                }
                _voterIds.Add(entry.UserId!);
                continue;
            }
            if (string.IsNullOrWhiteSpace(entry.Issuer) || string.IsNullOrEmpty(entry.Subject))
            {
                throw new InvalidOperationException($"{key} needs both Issuer and Subject.");
            }
            if (entry.Issuer != options.Issuer && !options.ExternalIssuers.Any(e => e.Issuer == entry.Issuer))
            {
                throw new InvalidOperationException($"{key}:Issuer is '{entry.Issuer}', which is not Tally:Auth:Issuer nor one of Tally:Auth:ExternalIssuers.");
            }
            _voterIds.Add(Domain.Voters.VoterIds.Of(entry.Issuer, options.Issuer, entry.Subject));
        }
    }

    public IReadOnlyCollection<string> VoterIds => _voterIds;

    public bool Contains(string voterId) => _voterIds.Contains(voterId);
}
