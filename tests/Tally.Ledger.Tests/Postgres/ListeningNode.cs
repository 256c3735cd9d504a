using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger.EventLog;
using Tally.Ledger.Handlers;

namespace Tally.Ledger.Tests.Postgres;

/// <summary>
/// One ledger node on the fixture's database, as the server builds it (hosted services started, so its commit listener
/// runs), with its <see cref="LedgerCommits"/> in view: what this node's projector would be woken by.
/// </summary>
internal sealed class ListeningNode : IAsyncDisposable
{
    private readonly TallyNode _node;

    private ListeningNode(TallyNode node) => _node = node;

    public LedgerCommits Commits => _node.Get<LedgerCommits>();

    public CreatePollHandler CreatePoll => _node.Get<CreatePollHandler>();

    public CastVoteHandler CastVote => _node.Get<CastVoteHandler>();

    public static async Task<ListeningNode> StartAsync(PostgresLedgerFixture fixture, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        fixture.AddLedger(services);
        return new ListeningNode(await TallyNode.StartAsync("listening", services, fixture.Probe, ct));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
