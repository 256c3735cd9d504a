using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Progress;
using Tally.Views.Redis;

namespace Tally.Views.Results;

/// <summary>
/// Live tallies per poll: one hash of option counts and total, counted with HINCRBY, plus the poll's header and when an
/// admin last retracted or reinstated one of its votes.
/// </summary>
public sealed class RedisResultsProjection(RedisViewStore store, PollChangeFeed changes) : RedisProjection(store), IResultsView, IResultsSink, ICountingView
{
    private const string HeaderField = "poll";
    private const string ClosedField = "closed_at";
    private const string TotalField = "total";
    private const string ChangedByAdminField = "admin_changed_at";

    public override string Name => "results";

    private protected override bool Announces => true;

    public async ValueTask<PollResults?> GetAsync(Guid pollId, CancellationToken ct) =>
        await ReadKeysAsync().ConfigureAwait(false) is { } keys ? await GetAsync(keys, pollId).ConfigureAwait(false) : null;

    public async ValueTask<ResultsAt> GetWithCheckpointAsync(Guid pollId, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return new ResultsAt(0, null);
        }
        // Both sent before either is awaited: they travel on one connection, and Redis runs them in the order sent, so
        // the checkpoint is read before the tally, as the interface promises, in a single round trip.
        var checkpoint = CheckpointOfAsync(keys);
        var fields = Store.Database.HashGetAllAsync(keys.Results(pollId));
        return new ResultsAt(await checkpoint.ConfigureAwait(false), Parse(pollId, await fields.ConfigureAwait(false)));
    }

    /// <summary>One entry per option, zeros included, with no region.</summary>
    public async ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct) =>
        await ReadKeysAsync().ConfigureAwait(false) is { } keys ? await CountInAsync(keys, pollId, ct).ConfigureAwait(false) : [];

    private protected override async ValueTask<IReadOnlyList<HeldVotes>> CountInAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        await GetAsync(generation, pollId).ConfigureAwait(false) is { } results
            ? results.Votes.Select((votes, i) => new HeldVotes(i + 1, null, votes)).ToArray()
            : [];

    private protected override ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<RedisKey>>([generation.Results(pollId)]);

    private protected override RedisProjection Twin() => new RedisResultsProjection(Store, changes);

    private async Task<PollResults?> GetAsync(GenerationKeys keys, Guid pollId) =>
        Parse(pollId, await Store.Database.HashGetAllAsync(keys.Results(pollId)).ConfigureAwait(false));

    private static PollResults? Parse(Guid pollId, HashEntry[] fields)
    {
        string? header = null;
        string? closed = null;
        string? changedByAdmin = null;
        long total = 0;
        var counts = new Dictionary<int, long>();
        foreach (var entry in fields)
        {
            var name = (string)entry.Name!;
            switch (name)
            {
                case HeaderField:
                    header = entry.Value;
                    break;
                case ClosedField:
                    closed = entry.Value;
                    break;
                case TotalField:
                    total = (long)entry.Value;
                    break;
                case ChangedByAdminField:
                    changedByAdmin = entry.Value;
                    break;
                default:
                    if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var option))
                    {
                        counts[option] = (long)entry.Value;
                    }
                    break;
            }
        }
        if (header is null)
        {
            return null;
        }
        var poll = RedisJson.Deserialize<ResultsHeader>(header);
        var votes = new long[poll.Options.Count];
        for (var i = 0; i < votes.Length; i++)
        {
            votes[i] = counts.GetValueOrDefault(i + 1);
        }
        return (closed is null ? poll : poll with { ClosedAt = RedisJson.Time(closed) })
            .WithVotes(pollId, votes, total, changedByAdmin is null ? null : RedisJson.Time(changedByAdmin));
    }

    private protected override void Describe(StoredEvent stored) => ResultsReducer.Apply(stored, this);

    void IResultsSink.Start(Guid pollId, ResultsHeader header)
    {
        Chunk.Barrier();
        var key = Keys.Results(pollId);
        Chunk.Unguarded().Delete(key).HashSet(key, HeaderField, RedisJson.Serialize(header)).HashSet(key, TotalField, 0);
        Chunk.Barrier();
        Chunk.Changed(pollId);
    }

    void IResultsSink.Close(Guid pollId, DateTimeOffset closedAt)
    {
        var key = Keys.Results(pollId);
        Chunk.Guarded(key).WriteField(key, ClosedField, RedisJson.Time(closedAt));
        Chunk.Changed(pollId);
    }

    void IResultsSink.Count(Guid pollId, int optionId, int change)
    {
        var key = Keys.Results(pollId);
        Chunk.Guarded(key).Increment(key, optionId, change).Increment(key, TotalField, change);
        Chunk.Changed(pollId);
    }

    void IResultsSink.ChangedByAdmin(Guid pollId, DateTimeOffset at)
    {
        var key = Keys.Results(pollId);
        Chunk.Guarded(key).WriteField(key, ChangedByAdminField, RedisJson.Time(at));
        Chunk.Changed(pollId);
    }

    private protected override void Applied(IReadOnlyCollection<Guid> pollIds)
    {
        foreach (var pollId in pollIds)
        {
            changes.Changed(pollId);
        }
    }
}
