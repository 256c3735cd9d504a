using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// The node's one subscription to the change channel, fanned out: results changes applied by other nodes go to this
/// node's live streams (its own are signalled directly by the projection, so they are skipped here), every announcement
/// (its own included) goes to <see cref="AnnouncedChanges"/> for the near cache, and every announcement wakes
/// <see cref="RedisAppliedCheckpoint"/>'s readers. A generation move, from any node, makes this node read the active
/// generations again. While the node does not know that it heard every announcement (at start, after a lost
/// subscription or a generation move) it publishes a mark of its own until one comes back.
/// </summary>
public sealed class RedisChangeRelay(RedisViewStore store, PollChangeFeed feed, IEnumerable<IProjection> projections) : IHostedService, IDisposable
{
    /// <summary>How often a node that is not sure it heard everything marks again.</summary>
    public static readonly TimeSpan MarkInterval = TimeSpan.FromMilliseconds(250);

    private readonly string? _announcing = projections.OfType<RedisProjection>().FirstOrDefault(p => p.AnnouncesChunks)?.Name;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _marking = Task.CompletedTask;

    /// <summary>Completes at the next announcement from any node.</summary>
    public Task NextAnnouncement => Volatile.Read(ref _announced).Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        store.Connection.ConnectionFailed += OnConnectionChanged;
        store.Connection.ConnectionRestored += OnConnectionChanged;
        await store.Connection.GetSubscriber().SubscribeAsync(store.Keys.Changes, OnMessage).ConfigureAwait(false);
        if (_announcing is not null)
        {
            _marking = MarkWhileUnheardAsync(_announcing, _stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _marking.ConfigureAwait(false);
        store.Connection.ConnectionFailed -= OnConnectionChanged;
        store.Connection.ConnectionRestored -= OnConnectionChanged;
        await store.Connection.GetSubscriber().UnsubscribeAsync(store.Keys.Changes, OnMessage).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    // Announcements may have been published while the subscription was away.
    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            store.Announced.Reset();
        }
    }

    private async Task MarkWhileUnheardAsync(string projection, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(MarkInterval);
        do
        {
            if (store.Announced.Heard < 0)
            {
                try
                {
                    await MarkScript.RunAsync(store, projection, store.Announced.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is RedisException or RedisTimeoutException)
                {
                    // Redis is away (a timeout is no RedisException): the near cache serves nothing meanwhile, and the
                    // next tick marks again; the loop must outlive the outage.
                }
            }
        }
        while (await WaitAsync(timer, ct).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var text = (string?)message;
        if (text == ChangeAnnouncement.GenerationsMoved)
        {
            store.Generations.Invalidate();
            store.Announced.Reset();
        }
        else if (text is not null && text.StartsWith(MarkScript.Prefix, StringComparison.Ordinal))
        {
            if (MarkScript.Parse(store.NodeId, text) is { } mark)
            {
                store.Announced.Trust(mark.Token, mark.Checkpoint);
            }
        }
        else if (ChangeAnnouncement.Parse(text) is { } announcement)
        {
            store.Announced.Announced(announcement);
            if (announcement.NodeId != store.NodeId)
            {
                foreach (var pollId in announcement.PollIds)
                {
                    feed.Changed(pollId);
                }
            }
        }
        Interlocked.Exchange(ref _announced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
