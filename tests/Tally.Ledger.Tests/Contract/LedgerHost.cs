using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Tally.Ledger.EventLog;
using Tally.Ledger.GroupCommit;
using Tally.Ledger.Handlers;
using Tally.Ledger.Sessions;
using Tally.Ledger.Stores;

namespace Tally.Ledger.Tests.Contract;

/// <summary>A running ledger as the server builds it: real stores, real group commit (started), real handlers.</summary>
public sealed class LedgerHost : IAsyncDisposable
{
    private readonly TallyNode _node;

    private LedgerHost(TallyNode node) => _node = node;

    public CreatePollHandler CreatePoll => _node.Get<CreatePollHandler>();

    public ClosePollHandler ClosePoll => _node.Get<ClosePollHandler>();

    public CastVoteHandler CastVote => _node.Get<CastVoteHandler>();

    public RetractVoteHandler RetractVote => _node.Get<RetractVoteHandler>();

    public RetractVotesHandler RetractVotes => _node.Get<RetractVotesHandler>();

    public ReinstateVotesHandler ReinstateVotes => _node.Get<ReinstateVotesHandler>();

    public IBlockStore Blocks => _node.Get<IBlockStore>();

    public IVoteExport Export => _node.Get<IVoteExport>();

    public VoteBatcher Batcher => _node.Get<VoteBatcher>();

    public IMeterFactory Meters => _node.Get<IMeterFactory>();

    public IPollStore Polls => _node.Get<IPollStore>();

    public IVoteStore Votes => _node.Get<IVoteStore>();

    public IEventLog Events => _node.Get<IEventLog>();

    public LedgerCommits Commits => _node.Get<LedgerCommits>();

    public IUserStore Users => _node.Get<IUserStore>();

    public IAdminStore Admins => _node.Get<IAdminStore>();

    public IRecountStore Recounts => _node.Get<IRecountStore>();

    public ILiveVoteCounts LiveCounts => _node.Get<ILiveVoteCounts>();

    public IVoterIdMigration VoterIds => _node.Get<IVoterIdMigration>();

    public ISessionKeyStore SessionKeys => _node.Get<ISessionKeyStore>();

    public static async Task<LedgerHost> StartAsync(LedgerFixture fixture, TimeProvider clock, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        fixture.AddLedger(services);
        return new LedgerHost(await TallyNode.StartAsync("ledger", services, fixture.Probe, ct));
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
