using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Tally.Views.Progress;

namespace Tally.Views.Redis;

/// <summary>
/// Passes results changes applied by other nodes to this node's live streams. This node's own changes are signalled
/// directly by the projection when its chunk is applied, so its own announcements are skipped here.
/// </summary>
public sealed class RedisChangeRelay(RedisViewStore store, PollChangeFeed feed) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        store.Connection.GetSubscriber().SubscribeAsync(store.Keys.Changes, OnMessage);

    public Task StopAsync(CancellationToken cancellationToken) =>
        store.Connection.GetSubscriber().UnsubscribeAsync(store.Keys.Changes, OnMessage);

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        if (ChangeAnnouncement.Parse(message) is { } announcement && announcement.NodeId != store.NodeId)
        {
            foreach (var pollId in announcement.PollIds)
            {
                feed.Changed(pollId);
            }
        }
    }
}
