using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Tally.Sync.Leadership;

/// <summary>
/// Elects the projector leader among every node of one PostgreSQL ledger with a session-level advisory lock, held on a
/// connection of its own (unpooled, outside the ledger's pool) so the lock lives exactly as long as that session:
/// when the leader dies, PostgreSQL ends its session, releases the lock, and another node's next try wins.
/// </summary>
public sealed class PostgresLeaderElection(
    LeaderElectionConnection connection,
    ProjectorLeadership leadership,
    RedisEpochFence fence,
    IOptions<LeadershipOptions> options,
    ILogger<PostgresLeaderElection> logger) : BackgroundService
{
    private readonly LeadershipOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until this node wins, nothing it applies may land.
        fence.Revoke();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ContendAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Leader election connection failed; contending again in {Delay}", _options.TryInterval);
                await Task.Delay(_options.TryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One session: try the lock until it is ours, then lead until the session or the term ends. Disposing the session releases the lock.</summary>
    private async Task ContendAsync(CancellationToken ct)
    {
        await using var session = await connection.OpenAsync(ct).ConfigureAwait(false);
        while (!await TryLockAsync(session, ct).ConfigureAwait(false))
        {
            await Task.Delay(_options.TryInterval, ct).ConfigureAwait(false);
        }
        LeaderTerm? term = null;
        try
        {
            var epoch = await fence.AdvanceAsync().ConfigureAwait(false);
            term = leadership.Begin(epoch);
            logger.LogInformation("This node now leads the projectors with epoch {Epoch} (backend {Pid})", epoch, session.ProcessID);
            var fenced = leadership.FencedAsync(term);
            while (true)
            {
                await Task.WhenAny(fenced, Task.Delay(_options.CheckInterval, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (fenced.IsCompleted)
                {
                    logger.LogWarning("Epoch {Epoch} was superseded: another node leads; giving up the lock", epoch);
                    return;
                }
                await CheckAliveAsync(session, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            // Stop applying before the lock can go to anyone else: the session is disposed only after this.
            fence.Revoke();
            if (term is not null)
            {
                leadership.End(term);
                logger.LogInformation("This node no longer leads the projectors");
            }
        }
    }

    private async Task<bool> TryLockAsync(NpgsqlConnection session, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", session);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _options.LockKey });
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async Task CheckAliveAsync(NpgsqlConnection session, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT 1", session);
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.CheckTimeout.TotalSeconds));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.CheckTimeout);
        await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
    }
}
