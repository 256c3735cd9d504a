using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Documentation;
using Tally.Server.Limits;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).Limited(LimitedAction.Register)
            .WithSummary("Register an account").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.UsernameTaken, ErrorCodes.OutcomeUnknown);
        group.MapPost("/login", LoginAsync).Limited(LimitedAction.Login)
            .WithSummary("Log in").WithProblemCodes(ErrorCodes.ValidationFailed, ErrorCodes.InvalidCredentials);
        return group;
    }

    private static async Task<Results<Created<TokenResponse>, ProblemHttpResult>> RegisterAsync(
        CredentialsRequest request, UserAccounts accounts, AccountThrottle throttle, HttpContext http, CancellationToken ct)
    {
        if (await throttle.BeforeRegisterAsync(request.Username) is { } wait)
        {
            return RateLimitRejection.Problem(http, wait);
        }
        var outcome = await accounts.RegisterAsync(request.Username, request.Password, ct);
        return outcome.Value is { } session ? TypedResults.Created((string?)null, ToResponse(session)) : Problem.Of(outcome.Rejection!);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LoginAsync(
        CredentialsRequest request, UserAccounts accounts, AccountThrottle throttle, HttpContext http, CancellationToken ct)
    {
        if (await throttle.BeforeLoginAsync(request.Username, http) is { } wait)
        {
            return RateLimitRejection.Problem(http, wait);
        }
        var outcome = await accounts.LoginAsync(request.Username, request.Password, ct);
        await throttle.AfterLoginAsync(request.Username, http, outcome.Rejection);
        return outcome.Value is { } session ? TypedResults.Ok(ToResponse(session)) : Problem.Of(outcome.Rejection!);
    }

    private static TokenResponse ToResponse(Session s) => new(s.UserId, s.Username, s.Token.AccessToken, "Bearer", s.Token.ExpiresIn);
}
