using Microsoft.Net.Http.Headers;

namespace Tally.Server.Headers;

public static class HeadersSetup
{
    private const string CorsPolicy = "tally";

    /// <summary>Security headers (<c>Tally:Headers</c>) and CORS (<c>Tally:Cors</c>, closed unless origins are listed).</summary>
    public static IServiceCollection AddTallyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(HeadersOptions.Section).Get<HeadersOptions>() ?? new HeadersOptions());
        var origins = configuration.GetSection(CrossOriginOptions.Section).Get<CrossOriginOptions>() ?? new CrossOriginOptions();
        services.AddSingleton(origins);
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins.AllowedOrigins])
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
            .WithHeaders(HeaderNames.Authorization, HeaderNames.ContentType, "Idempotency-Key")
            .WithExposedHeaders(HeaderNames.Location, HeaderNames.RetryAfter)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return services;
    }

    /// <summary>Before the exception handler and authentication, so errors carry the headers and preflights need no token.</summary>
    public static WebApplication UseTallyHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (app.Services.GetRequiredService<CrossOriginOptions>().AllowedOrigins.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }
        return app;
    }
}
