using Microsoft.AspNetCore.Authorization;
using Tally.Server.Auth;

namespace Tally.Server.Admin;

public static class AdminSetup
{
    /// <summary>
    /// Roles and identity upkeep: configured admins (checked at start, so a bad entry stops it), ledger grants, the admin
    /// policy, and the one-time voter id migration. Call before the ledger's own services, so the migration runs first.
    /// </summary>
    public static IServiceCollection AddTallyRoles(this IServiceCollection services)
    {
        services.AddSingleton<ConfiguredAdmins>();
        services.AddSingleton<AdminDirectory>();
        services.AddSingleton<IAuthorizationHandler, AdminAuthorizationHandler>();
        services.AddAuthorizationBuilder().AddPolicy(AdminRequirement.Policy, policy =>
            policy.RequireAuthenticatedUser().AddRequirements(new AdminRequirement()));
        services.AddHostedService<VoterIdEncodingMigration>();
        return services;
    }
}
