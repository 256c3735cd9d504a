using Microsoft.Extensions.Configuration;
using Tally.Ledger;
using Tally.Views;

namespace Tally.Sync.Topology;

/// <summary>Which ledger and which views this node runs on, read once from <c>Tally:Ledger:Provider</c> and <c>Tally:Views:Provider</c>.</summary>
public sealed record TallyTopology(LedgerProvider Ledger, ViewsProvider Views)
{
    /// <summary>
    /// Several nodes share one ledger and one set of views, so only an elected one applies and the rest follow. Memory
    /// views belong to one process, so every such node projects for itself; a SQLite ledger belongs to one process anyway.
    /// </summary>
    public bool SharesProjector => Ledger == LedgerProvider.Postgres && Views == ViewsProvider.Redis;

    public static TallyTopology From(IConfiguration configuration) =>
        new(LedgerOptions.From(configuration).Provider, ViewsOptions.From(configuration).Provider);
}
