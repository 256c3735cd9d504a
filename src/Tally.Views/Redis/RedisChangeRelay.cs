using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// The node's one subscription to the change channel, fanned out: results changes applied by other nodes go to this
/// node's live streams (its own are signalled directly by the projection, so they are skipped here), and every
/// announcement wakes <see cref="RedisAppliedCheckpoint"/>'s readers. A generation move, from any node, makes this node
/// read the active generations again.
/// </summary>
public sealed class RedisChangeRelay(RedisViewStore store, PollChangeFeed feed) : IHostedService
{
    private TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next announcement from any node.</summary>
    public Task NextAnnouncement => Volatile.Read(ref _announced).Task;

    public Task StartAsync(CancellationToken cancellationToken) =>
        store.Connection.GetSubscriber().SubscribeAsync(store.Keys.Changes, OnMessage);

    public Task StopAsync(CancellationToken cancellationToken) =>
        store.Connection.GetSubscriber().UnsubscribeAsync(store.Keys.Changes, OnMessage);

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        if (message == ChangeAnnouncement.GenerationsMoved)
        {
            store.Generations.Invalidate();
        }
        else if (ChangeAnnouncement.Parse(message) is { } announcement && announcement.NodeId != store.NodeId)
        {
            foreach (var pollId in announcement.PollIds)
            {
                feed.Changed(pollId);
            }
        }
        Interlocked.Exchange(ref _announced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
