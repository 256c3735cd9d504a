using System.Globalization;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Redis;

namespace Tally.Views.Heatmap;

/// <summary>Votes per region per option: one hash per poll with a "{option}:{region}" counter per cell.</summary>
public sealed class RedisHeatmapProjection(RedisViewStore store) : RedisProjection(store), IHeatmapView, IHeatmapSink, ICountingView
{
    private const string RegionsField = "regions";
    private const string OptionsField = "options";

    public override string Name => "heatmap";

    public async ValueTask<PollHeatmap?> GetAsync(Guid pollId, CancellationToken ct) =>
        await ReadKeysAsync().ConfigureAwait(false) is { } keys ? await GetAsync(keys, pollId).ConfigureAwait(false) : null;

    /// <summary>One entry per option in every region the view holds (declared, or named by votes), zeros included.</summary>
    public async ValueTask<IReadOnlyList<HeldVotes>> CountAsync(Guid pollId, CancellationToken ct) =>
        await ReadKeysAsync().ConfigureAwait(false) is { } keys ? await CountInAsync(keys, pollId, ct).ConfigureAwait(false) : [];

    private protected override async ValueTask<IReadOnlyList<HeldVotes>> CountInAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        await GetAsync(generation, pollId).ConfigureAwait(false) is { } heatmap
            ? heatmap.Regions.SelectMany(r => r.Votes.Select((votes, i) => new HeldVotes(i + 1, r.Region, votes))).ToArray()
            : [];

    private protected override ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        ValueTask.FromResult<IReadOnlyList<RedisKey>>([generation.Heatmap(pollId)]);

    private protected override RedisProjection Twin() => new RedisHeatmapProjection(Store);

    private async Task<PollHeatmap?> GetAsync(GenerationKeys keys, Guid pollId)
    {
        var fields = await Store.Database.HashGetAllAsync(keys.Heatmap(pollId)).ConfigureAwait(false);
        string[]? declared = null;
        var optionCount = 0;
        var cells = new List<(string Region, int Option, long Votes)>();
        foreach (var entry in fields)
        {
            var name = (string)entry.Name!;
            if (name == RegionsField)
            {
                declared = RedisJson.Deserialize<string[]>(entry.Value!);
            }
            else if (name == OptionsField)
            {
                optionCount = (int)entry.Value;
            }
            else if (name.IndexOf(':') is > 0 and var colon
                && int.TryParse(name.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var option))
            {
                cells.Add((name[(colon + 1)..], option, (long)entry.Value));
            }
        }
        if (declared is null)
        {
            return null;
        }
        // Declared regions keep their order; a region only votes name (the ledger never allows one) follows, by name.
        var names = new List<string>(declared);
        names.AddRange(cells.Select(c => c.Region).Where(r => !declared.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var votes = names.ToDictionary(n => n, _ => new long[optionCount], StringComparer.Ordinal);
        foreach (var (region, option, count) in cells)
        {
            if (option >= 1 && option <= optionCount)
            {
                votes[region][option - 1] = count;
            }
        }
        return new PollHeatmap(pollId, names.Select(n => new RegionCounts(n, votes[n], votes[n].Sum())).ToArray());
    }

    private protected override void Describe(StoredEvent stored) => HeatmapReducer.Apply(stored, this);

    void IHeatmapSink.Start(Guid pollId, int optionCount, IReadOnlyList<string> regions)
    {
        Chunk.Barrier();
        var key = Keys.Heatmap(pollId);
        Chunk.Unguarded().Delete(key)
            .HashSet(key, RegionsField, RedisJson.Serialize(regions.ToArray()))
            .HashSet(key, OptionsField, optionCount);
        Chunk.Barrier();
    }

    void IHeatmapSink.Count(Guid pollId, string region, int optionId, int change)
    {
        var key = Keys.Heatmap(pollId);
        Chunk.Guarded(key).Increment(key, $"{optionId.ToString(CultureInfo.InvariantCulture)}:{region}", change);
    }
}
