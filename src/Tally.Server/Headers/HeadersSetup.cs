using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Tally.Server.Headers;

public static class HeadersSetup
{
    private const string CorsPolicy = "tally";

    /// <summary>Security headers (<c>Tally:Headers</c>) and CORS (<c>Tally:Cors</c>, closed unless origins are listed).</summary>
    public static IServiceCollection AddTallyHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HeadersOptions>().Bind(configuration.GetSection(HeadersOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CrossOriginOptions>().Bind(configuration.GetSection(CrossOriginOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CrossOriginOptions>, CrossOriginOptionsValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, origins) => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. origins.Value.AllowedOrigins])
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
        if (app.Services.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowedOrigins.Count > 0)
        {
            app.UseCors(CorsPolicy);
        }
        return app;
    }
}
