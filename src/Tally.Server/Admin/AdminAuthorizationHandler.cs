using Microsoft.AspNetCore.Authorization;
using Tally.Server.Auth;

namespace Tally.Server.Admin;

public sealed class AdminAuthorizationHandler(AdminDirectory admins) : AuthorizationHandler<AdminRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        var ct = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (await admins.IsAdminAsync(context.User.VoterId(), ct))
        {
            context.Succeed(requirement);
        }
    }
}
