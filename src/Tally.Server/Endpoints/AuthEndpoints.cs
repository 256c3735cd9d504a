using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Domain.Errors;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Server.Limits;
using Tally.Server.Problems;

namespace Tally.Server.Endpoints;

public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/auth").WithTags("Auth");
        // No session yet, so no anti-forgery token to carry.
        group.MapPost("/register", RegisterAsync).Limited(LimitedAction.Register).DisableAntiforgery();
        group.MapPost("/login", LoginAsync).Limited(LimitedAction.Login).DisableAntiforgery();
        group.MapPost("/session", OpenSessionAsync).Limited(LimitedAction.Login).DisableAntiforgery();
        group.MapGet("/session", GetSessionAsync);
        group.MapDelete("/session", CloseSession);
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
        var (session, refused) = await SignInAsync(request, accounts, throttle, http, ct);
        return session is not null ? TypedResults.Ok(ToResponse(session)) : refused!;
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> OpenSessionAsync(
        CredentialsRequest request, UserAccounts accounts, AccountThrottle throttle, BrowserSessions sessions, HttpContext http, CancellationToken ct)
    {
        var (session, refused) = await SignInAsync(request, accounts, throttle, http, ct);
        return session is not null ? TypedResults.Ok(await sessions.OpenAsync(http, session, ct)) : refused!;
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSessionAsync(
        BrowserSessions sessions, HttpContext http, CancellationToken ct) =>
        await sessions.CurrentAsync(http, ct) is { } current
            ? TypedResults.Ok(current)
            : Problem.Of(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "No session: the cookie is missing, expired or not valid.");

    private static NoContent CloseSession(HttpContext http)
    {
        SessionCookie.Clear(http);
        return TypedResults.NoContent();
    }

    /// <summary>A login by password, as a bearer login and a browser session both make it: the same limits, lockout and checks.</summary>
    private static async Task<(Session? Session, ProblemHttpResult? Refused)> SignInAsync(
        CredentialsRequest request, UserAccounts accounts, AccountThrottle throttle, HttpContext http, CancellationToken ct)
    {
        if (await throttle.BeforeLoginAsync(request.Username, http) is { } wait)
        {
            return (null, RateLimitRejection.Problem(http, wait));
        }
        var outcome = await accounts.LoginAsync(request.Username, request.Password, ct);
        await throttle.AfterLoginAsync(request.Username, http, outcome.Rejection);
        return outcome.Value is { } session ? (session, null) : (null, Problem.Of(outcome.Rejection!));
    }

    private static TokenResponse ToResponse(Session s) => new(s.UserId, s.Username, s.Token.AccessToken, "Bearer", s.Token.ExpiresIn);
}
