namespace Tally.Server.Problems;

public static class ProblemSetup
{
    /// <summary>
    /// What a 503 asks the caller to wait: outages are found within the storage timeouts, and a restarted database is
    /// usually back within seconds, so a short wait and a retry is the right rhythm.
    /// </summary>
    private const string RetryAfterSeconds = "1";

    /// <summary>Problem details for every error, including the framework's own (401 challenges, unknown routes, bad bodies).</summary>
    public static IServiceCollection AddTallyProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Extensions.TryAdd("code", Problem.CodeOf(status));
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            }
            if (string.IsNullOrEmpty(problem.Detail))
            {
                problem.Detail = DefaultDetail(status);
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    private static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept this method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be served.",
    };
}
