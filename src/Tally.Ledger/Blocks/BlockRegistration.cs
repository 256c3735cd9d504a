using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tally.Ledger.Blocks;

public static class BlockRegistration
{
    /// <summary>The node's block list and its refresher, part of every ledger (<c>AddTallyLedger</c>); needs the ledger's <c>IBlockStore</c>.</summary>
    public static IServiceCollection AddTallyBlocks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BlockOptions>().Bind(configuration.GetSection(BlockOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BlockList>();
        services.AddHostedService<BlockListRefresher>();
        return services;
    }
}
