using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tally.Ledger.Diagnostics;
using Tally.Ledger.EventLog;

namespace Tally.Ledger.Postgres;

/// <summary>
/// Wakes this process's event-log readers when another node commits events, so a projector on one node sees votes cast
/// on another at once rather than at its next slow poll. Every appending transaction sends the head it leaves behind on
/// <see cref="Channel"/> (see <see cref="PostgresEventAppender"/>); this listens on one dedicated connection and passes each
/// head to <see cref="LedgerCommits"/>.
/// </summary>
/// <remarks>
/// The connection is its own, outside the write pool: it sits in LISTEN for the life of the process and must never be
/// handed to a writer. When it drops, it is opened again after a short backoff, and the committed head is then read once,
/// since notifications sent while no one was listening are lost.
/// </remarks>
public sealed class PostgresCommitListener : BackgroundService
{
    /// <summary>The channel appending transactions notify, with their last sequence as the payload.</summary>
    public const string Channel = "tally_events";

    /// <summary>How the listening connection shows in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "tally-commit-listener";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly LedgerCommits _commits;
    private readonly ILogger<PostgresCommitListener> _logger;
    private int _failures;

    /// <param name="database">Taken so the schema (event_head) exists before the first connection reads it.</param>
    public PostgresCommitListener(string connectionString, PostgresLedgerDatabase database, ILogger<PostgresCommitListener> logger)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // One long-lived connection: a pool would only keep a second idle one around after a reconnect.
            Pooling = false,
            // A keepalive query while waiting finds a half-open connection (a vanished server, a dropped NAT entry)
            // that would otherwise wait for notifications forever.
            KeepAlive = 15,
            ApplicationName = ApplicationName,
        };
        _dataSource = NpgsqlDataSource.Create(settings);
        _commits = database.Commits;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _failures++;
                var backoff = Backoff(_failures);
                _logger.ListenerFailed(ex, _failures, backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>100 ms, doubling up to 5 s: a restarted server is picked up quickly, a down one is not hammered.</summary>
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(FirstBackoff.Ticks << Math.Min(failures - 1, 16), MaxBackoff.Ticks));

    /// <summary>Opens the connection, listens, catches up on the head, then waits for notifications until it fails.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        connection.Notification += OnNotification;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        // Read after LISTEN took effect: anything committed before is in this head, anything after is notified.
        long head;
        await using (var read = new NpgsqlCommand(PostgresEventAppender.ReadHeadSql, connection))
        {
            head = Convert.ToInt64(await read.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        _commits.Committed(head);
        if (_failures > 0)
        {
            _logger.ListenerReconnected(_failures, head);
        }
        else
        {
            _logger.ListenerListening(Channel, head);
        }
        _failures = 0;
        while (true)
        {
            await connection.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            _commits.Heard(sequence);
        }
        else
        {
            _logger.ListenerIgnoredNotification(e.Channel, e.Payload);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }
}
