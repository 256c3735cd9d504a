using Microsoft.Extensions.DependencyInjection;
using Tally.Views.Catalog;
using Tally.Views.Delta;
using Tally.Views.Heatmap;
using Tally.Views.Memory;
using Tally.Views.Progress;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Views;

public static class ViewsRegistration
{
    /// <summary>The read side held in this process's memory: rebuilt from the event log at every start.</summary>
    public static IServiceCollection AddTallyMemoryViews(this IServiceCollection services)
    {
        services.AddSingleton<ViewProgress>();
        services.AddSingleton<PollChangeFeed>();
        AddProjection<MemoryResultsProjection, IResultsView>(services);
        AddProjection<MemoryHeatmapProjection, IHeatmapView>(services);
        AddProjection<MemoryDeltaProjection, IDeltaView>(services);
        AddProjection<MemoryVoterStatusProjection, IVoterStatusView>(services);
        AddProjection<MemoryPollCatalogProjection, IPollCatalogView>(services);
        return services;
    }

    private static void AddProjection<TProjection, TView>(IServiceCollection services)
        where TProjection : class, IProjection, TView
        where TView : class
    {
        services.AddSingleton<TProjection>();
        services.AddSingleton<IProjection>(sp => sp.GetRequiredService<TProjection>());
        services.AddSingleton<TView>(sp => sp.GetRequiredService<TProjection>());
    }
}
