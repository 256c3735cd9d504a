using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Tally.Sync;

public static class SyncRegistration
{
    public static IServiceCollection AddTallySync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncOptions>(configuration.GetSection(SyncOptions.Section));
        services.AddSingleton<SyncLag>();
        services.AddHostedService<ProjectionDaemon>();
        return services;
    }
}
