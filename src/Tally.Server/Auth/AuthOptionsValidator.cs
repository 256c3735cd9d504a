using Microsoft.Extensions.Options;

namespace Tally.Server.Auth;

/// <summary>
/// Every rule on <c>Tally:Auth</c>: Tally's own issuer and key; each external issuer named, none twice, none taking
/// Tally's own name (its tokens would then speak for Tally's users), each with its key; each configured admin a user id,
/// or a trusted issuer plus a subject.
/// </summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Tally:Auth:Issuer and Tally:Auth:Audience must not be empty.");
        }
        if (!string.IsNullOrEmpty(options.SigningKey) && SigningKeyFile.ProblemWith(options.SigningKey, "Tally:Auth:SigningKey") is { } keyProblem)
        {
            failures.Add(keyProblem);
        }
        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Tally:Auth:TokenLifetime must be positive.");
        }
        ExternalIssuers(failures, options);
        Admins(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ExternalIssuers(List<string> failures, AuthOptions options)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ExternalIssuers.Count; i++)
        {
            var external = options.ExternalIssuers[i];
            var key = $"Tally:Auth:ExternalIssuers:{i}:Issuer";
            if (string.IsNullOrWhiteSpace(external.Issuer))
            {
                failures.Add($"{key} is empty: every external issuer needs its name.");
            }
            else if (external.Issuer == options.Issuer)
            {
                failures.Add($"{key} is '{external.Issuer}', the name of Tally's own issuer (Tally:Auth:Issuer): give the external issuer its own name.");
            }
            else if (!named.Add(external.Issuer))
            {
                failures.Add($"{key} names '{external.Issuer}' a second time.");
            }
            if (SigningKeyFile.ProblemWith(external.Key, $"Tally:Auth:ExternalIssuers:{i}:Key") is { } keyProblem)
            {
                failures.Add(keyProblem);
            }
        }
    }

    private static void Admins(List<string> failures, AuthOptions options)
    {
        for (var i = 0; i < options.Admins.Count; i++)
        {
            var entry = options.Admins[i];
            var key = $"Tally:Auth:Admins:{i}";
            var byUserId = !string.IsNullOrWhiteSpace(entry.UserId);
            var byIssuer = !string.IsNullOrWhiteSpace(entry.Issuer) || !string.IsNullOrWhiteSpace(entry.Subject);
            if (byUserId == byIssuer)
            {
                failures.Add($"{key} needs either UserId, or Issuer and Subject (not both).");
            }
            else if (byUserId)
            {
                // Tally's user ids are random GUIDs: nobody can register one to take an admin's place.
                if (!Guid.TryParse(entry.UserId, out _))
                {
                    failures.Add($"{key}:UserId is '{entry.UserId}', not a Tally user id (a GUID, as returned by register and login).");
                }
            }
            else if (string.IsNullOrWhiteSpace(entry.Issuer) || string.IsNullOrEmpty(entry.Subject))
            {
                failures.Add($"{key} needs both Issuer and Subject.");
            }
            else if (entry.Issuer != options.Issuer && !options.ExternalIssuers.Any(e => e.Issuer == entry.Issuer))
            {
                failures.Add($"{key}:Issuer is '{entry.Issuer}', which is not Tally:Auth:Issuer nor one of Tally:Auth:ExternalIssuers.");
            }
        }
    }
}
