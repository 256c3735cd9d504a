using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Tally.Sync.Topology;
using Tally.Views;
using Tally.Views.Redis;

namespace Tally.Server.Limits;

public static class LimitsSetup
{
    /// <summary>
    /// Rate limits, login lockouts and live-stream caps (<c>Tally:Limits</c>). Call after the views are added: when they
    /// live in Redis, so do the buckets and lockouts, with this node's memory standing in while Redis is away.
    /// </summary>
    public static IServiceCollection AddTallyLimits(this IServiceCollection services, IConfiguration configuration, TallyTopology topology)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        // The limiters hold the checked value itself: resolving it runs the validator first.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LimitsOptions>>().Value);
        services.AddSingleton<LimitBuckets>();
        services.AddSingleton<MemoryTokenBuckets>();
        services.AddSingleton<MemoryLoginFailures>();
        if (topology.Views == ViewsProvider.Redis)
        {
            services.AddSingleton(sp => new LimitKeys(sp.GetRequiredService<IOptions<RedisViewsOptions>>().Value.KeyPrefix));
            services.AddSingleton<RedisCircuit>();
            services.AddSingleton<ITokenBuckets, RedisTokenBuckets>();
            services.AddSingleton<ILoginFailures, RedisLoginFailures>();
        }
        else
        {
            services.AddSingleton<ITokenBuckets>(sp => sp.GetRequiredService<MemoryTokenBuckets>());
            services.AddSingleton<ILoginFailures>(sp => sp.GetRequiredService<MemoryLoginFailures>());
        }
        services.AddSingleton<LoginLockout>();
        services.AddSingleton<AccountThrottle>();
        services.AddSingleton<LiveStreamSlots>();
        services.AddSingleton<RequestLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<RequestLimiter>((limiter, requests) => limiter.GlobalLimiter = requests);
        return services;
    }

    /// <summary>
    /// After authentication, so a voter's bucket is known, and after authorization, so a request without a token spends
    /// nothing. Only requests to limited endpoints enter the rate limiting middleware; other reads pay nothing for it.
    /// </summary>
    public static WebApplication UseTallyLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<LimitsOptions>().Enabled)
        {
            app.UseWhen(http => RequestLimiter.ActionOf(http) is not null, limited => limited.UseRateLimiter());
        }
        return app;
    }
}
