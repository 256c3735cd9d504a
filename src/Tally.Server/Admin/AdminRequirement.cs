using Microsoft.AspNetCore.Authorization;

namespace Tally.Server.Admin;

/// <summary>The caller must be an admin (see <see cref="AdminDirectory"/>).</summary>
public sealed class AdminRequirement : IAuthorizationRequirement
{
    public const string Policy = "admin";
}
