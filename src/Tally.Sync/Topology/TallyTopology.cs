using Microsoft.Extensions.Configuration;
using Tally.Ledger;
using Tally.Views;

namespace Tally.Sync.Topology;

/// <summary>Which ledger and which views this node runs on: the only place that reads <c>Tally:Ledger:Provider</c> and <c>Tally:Views:Provider</c>.</summary>
public sealed record TallyTopology(LedgerProvider Ledger, ViewsProvider Views)
{
    public const string LedgerProviderKey = "Tally:Ledger:Provider";

    public const string ViewsProviderKey = "Tally:Views:Provider";

    /// <summary>
    /// Several nodes share one ledger and one set of views, so only an elected one applies and the rest follow. Memory
    /// views belong to one process, so every such node projects for itself; a SQLite ledger belongs to one process anyway.
    /// </summary>
    public bool SharesProjector => Ledger == LedgerProvider.Postgres && Views == ViewsProvider.Redis;

    /// <summary>Read while the services are registered, since the providers decide which ones; a bad name stops the start.</summary>
    public static TallyTopology From(IConfiguration configuration) =>
        new(ProviderSetting.Read(configuration, LedgerProviderKey, LedgerProvider.Sqlite),
            ProviderSetting.Read(configuration, ViewsProviderKey, ViewsProvider.Memory));
}
