using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tally.Domain.Events;
using Tally.Views.Redis;

namespace Tally.Views.Fraud;

/// <summary>
/// Fraud review's votes in Redis, per poll: blocks of fixed-size records in one hash (a chunk's votes of a poll are one
/// field, so a million votes are about two thousand fields read in large pieces), each block's latest cast time, the ids
/// of votes no longer live, and the texts keys stand for; registrations for every poll. A query reads the blocks that
/// reach into its window and the registrations of their voters in a few batched commands, then
/// <see cref="ClusterFinder"/> does the rest here.
/// </summary>
public sealed class RedisFraudProjection(RedisViewStore store, TimeProvider clock, IOptions<FraudOptions> options)
    : RedisProjection(store), IFraudView, IFraudSink, IFraudRetention
{
    // Fields per HMGET: blocks are up to ~36 KB each; registrations 16 bytes.
    private const int BlocksPerRead = 32;
    private const int VotersPerRead = 8192;

    // The blocks being filled in the chunk being described; a new chunk starts new blocks.
    private readonly Dictionary<Guid, FraudBlock> _blocks = [];
    private ChangeSet? _blocksOf;

    public override string Name => "fraud";

    public async ValueTask<SuspiciousReport?> FindAsync(Guid pollId, SuspiciousQuery query, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return null;
        }
        var database = Store.Database;
        var pollTask = database.StringGetAsync(keys.FraudPoll(pollId));
        var keptTask = database.KeyExistsAsync(keys.FraudKept(pollId));
        var endsTask = database.HashGetAllAsync(keys.FraudBlockEnds(pollId));
        var goneTask = database.HashKeysAsync(keys.FraudGone(pollId));
        var poll = await pollTask.ConfigureAwait(false);
        if (poll.IsNull)
        {
            return null;
        }
        var closesAt = ((string?)poll) is { Length: > 0 } ticks ? new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero) : (DateTimeOffset?)null;
        if (!await keptTask.ConfigureAwait(false) || options.Value.Expired(closesAt, clock.GetUtcNow()))
        {
            return ClusterFinder.Forgotten(pollId);
        }
        var from = query.Window is { } window ? (query.Now - window).UtcTicks : long.MinValue;
        FoundClusters found;
        var blocks = (await endsTask.ConfigureAwait(false)).Where(e => (long)e.Value > from).Select(e => e.Name).ToArray();
        var reads = blocks.Chunk(BlocksPerRead).Select(ids => database.HashGetAsync(keys.FraudVotes(pollId), ids)).ToArray();
        // A million votes are ~100 MB as records: pooled, so a query leaves that much less for a full collection.
        var buffer = ArrayPool<FraudVote>.Shared.Rent(Math.Max(1, blocks.Length * FraudBlock.Votes));
        try
        {
            var count = 0;
            foreach (var read in reads)
            {
                foreach (var records in await read.ConfigureAwait(false))
                {
                    if (!records.IsNull)
                    {
                        count += FraudVote.ReadAll(((ReadOnlyMemory<byte>)records).Span, buffer.AsSpan(count));
                    }
                }
            }
            var gone = (await goneTask.ConfigureAwait(false)).Select(id => new Guid(((ReadOnlyMemory<byte>)id).Span)).ToHashSet();
            using var considered = ClusterFinder.Considered(buffer.AsSpan(0, count), gone, query);
            var registrations = await RegistrationsAsync(keys, buffer, considered).ConfigureAwait(false);
            found = ClusterFinder.Find(buffer.AsSpan(0, count), considered.Positions, registrations, query, options.Value.NewAccountAge);
        }
        finally
        {
            ArrayPool<FraudVote>.Shared.Return(buffer);
        }
        var textKeys = found.TextKeys.ToArray();
        var texts = new Dictionary<ulong, string>();
        if (textKeys.Length > 0)
        {
            var values = await database.HashGetAsync(keys.FraudTexts(pollId), textKeys.Select(k => (RedisValue)KeyBytes(k)).ToArray()).ConfigureAwait(false);
            for (var i = 0; i < textKeys.Length; i++)
            {
                if (!values[i].IsNull)
                {
                    texts[textKeys[i]] = values[i]!;
                }
            }
        }
        return ClusterFinder.Report(pollId, found, texts, options.Value.NewAccountAge);
    }

    /// <summary>Forgets, in one fenced script call, every kept poll past the retention at <paramref name="now"/>.</summary>
    public async ValueTask<int> ForgetExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (await ReadKeysAsync().ConfigureAwait(false) is not { } keys)
        {
            return 0;
        }
        var kept = (await Store.Generations.FindAsync(keys.FraudKeptPattern(), ct).ConfigureAwait(false)).SelectMany(page => page)
            .Select(key => PollOfKeptKey(keys, key)).OfType<Guid>().ToArray();
        var closes = kept.Length == 0 ? [] : await Store.Database.StringGetAsync(kept.Select(keys.FraudPoll).ToArray()).ConfigureAwait(false);
        var changes = new ChangeSet();
        var due = new List<Guid>();
        for (var i = 0; i < kept.Length; i++)
        {
            if (((string?)closes[i]) is { Length: > 0 } ticks
                && options.Value.Expired(new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero), now))
            {
                Drop(changes.Unguarded(), keys, kept[i]);
                changes.Changed(kept[i]);
                due.Add(kept[i]);
            }
        }
        if (due.Count == 0)
        {
            return 0;
        }
        var epoch = Store.Epoch.Current;
        var outcome = await ApplyScript.RunAsync(Store.Database, Store.Keys, Name, keys, keys.Id, expected: null, next: 0, epoch, announcement: null, changes)
            .ConfigureAwait(false);
        return outcome.Status == ApplyStatus.Applied ? due.Count : throw outcome.Refusal(Name, epoch, keys.Id);
    }

    private protected override void Describe(StoredEvent stored) => FraudReducer.Apply(stored, this, options.Value, clock.GetUtcNow());

    private protected override async ValueTask<IReadOnlyList<RedisKey>> PollKeysAsync(GenerationKeys generation, Guid pollId, CancellationToken ct) =>
        (await Store.Generations.FindAsync(generation.FraudPollPattern(pollId), ct).ConfigureAwait(false)).SelectMany(page => page).ToArray();

    private protected override RedisProjection Twin() => new RedisFraudProjection(Store, clock, options);

    void IFraudSink.Start(Guid pollId, DateTimeOffset? closesAt, bool forgotten)
    {
        Blocks.Remove(pollId);
        Chunk.Barrier();
        var group = Chunk.Unguarded();
        Drop(group, Keys, pollId);
        group.Set(Keys.FraudPoll(pollId), closesAt is { } closes ? closes.UtcTicks : RedisValue.EmptyString);
        if (!forgotten)
        {
            group.Set(Keys.FraudKept(pollId), 1);
        }
        Chunk.Barrier();
    }

    void IFraudSink.Record(Guid pollId, FraudVote vote, string? network, string? agent)
    {
        var blocks = Blocks;
        if (!blocks.TryGetValue(pollId, out var block) || block.IsFull)
        {
            block = new FraudBlock(vote.Sequence);
            blocks[pollId] = block;
        }
        block.Add(vote);
        var group = Chunk.Guarded(Keys.FraudKept(pollId))
            .WriteField(Keys.FraudVotes(pollId), block.Id, block.Records)
            .WriteField(Keys.FraudBlockEnds(pollId), block.Id, block.MaxTicks);
        if (network is not null)
        {
            group.WriteField(Keys.FraudTexts(pollId), KeyBytes(vote.Network), network);
        }
        if (agent is not null)
        {
            group.WriteField(Keys.FraudTexts(pollId), KeyBytes(vote.Agent), agent);
        }
    }

    void IFraudSink.Live(Guid pollId, Guid voteId, bool live)
    {
        var group = Chunk.Guarded(Keys.FraudKept(pollId));
        var id = voteId.ToByteArray();
        if (live)
        {
            group.DeleteField(Keys.FraudGone(pollId), id);
        }
        else
        {
            group.WriteField(Keys.FraudGone(pollId), id, 1);
        }
    }

    void IFraudSink.Close(Guid pollId, DateTimeOffset closedAt, bool forgotten)
    {
        Blocks.Remove(pollId);
        Chunk.Barrier();
        var group = Chunk.Guarded(Keys.FraudPoll(pollId)).Set(Keys.FraudPoll(pollId), closedAt.UtcTicks);
        if (forgotten)
        {
            Drop(group, Keys, pollId);
        }
        Chunk.Barrier();
    }

    void IFraudSink.Register(ulong voter, FraudRegistration registration)
    {
        var value = new byte[FraudRegistration.Size];
        registration.WriteTo(value);
        Chunk.Unguarded().WriteField(Keys.FraudRegistrations(), KeyBytes(voter), value);
    }

    private Dictionary<Guid, FraudBlock> Blocks
    {
        get
        {
            if (!ReferenceEquals(_blocksOf, Chunk))
            {
                _blocks.Clear();
                _blocksOf = Chunk;
            }
            return _blocks;
        }
    }

    /// <summary>The registrations of the voters of the votes considered, in batched HMGETs; none when nobody registered.</summary>
    private async Task<Dictionary<ulong, FraudRegistration>> RegistrationsAsync(GenerationKeys keys, FraudVote[] votes, ConsideredVotes considered)
    {
        var registrations = new Dictionary<ulong, FraudRegistration>();
        var key = keys.FraudRegistrations();
        if (!await Store.Database.KeyExistsAsync(key).ConfigureAwait(false))
        {
            return registrations;
        }
        var voters = ArrayPool<ulong>.Shared.Rent(Math.Max(1, votes.Length));
        try
        {
            var count = DistinctVoters(votes, considered.Positions, voters);
            var batches = new List<(int Start, int Length, Task<RedisValue[]> Read)>();
            for (var start = 0; start < count; start += VotersPerRead)
            {
                var length = Math.Min(VotersPerRead, count - start);
                var fields = new RedisValue[length];
                for (var i = 0; i < length; i++)
                {
                    fields[i] = KeyBytes(voters[start + i]);
                }
                batches.Add((start, length, Store.Database.HashGetAsync(key, fields)));
            }
            foreach (var (start, length, read) in batches)
            {
                var values = await read.ConfigureAwait(false);
                for (var i = 0; i < length; i++)
                {
                    if (!values[i].IsNull)
                    {
                        registrations[voters[start + i]] = FraudRegistration.Read(((ReadOnlyMemory<byte>)values[i]).Span);
                    }
                }
            }
            return registrations;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(voters);
        }
    }

    /// <summary>Writes each voter of the considered votes once into <paramref name="voters"/>, by sorting rather than hashing a million keys.</summary>
    /// <returns>How many there are.</returns>
    private static int DistinctVoters(ReadOnlySpan<FraudVote> votes, ReadOnlySpan<int> considered, Span<ulong> voters)
    {
        for (var i = 0; i < considered.Length; i++)
        {
            voters[i] = votes[considered[i]].Voter;
        }
        var sorted = voters[..considered.Length];
        sorted.Sort();
        var count = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[count++] = sorted[i];
            }
        }
        return count;
    }

    /// <summary>Deletes what is kept about a poll's votes: the poll stays known, forgotten.</summary>
    private static void Drop(OpGroup group, GenerationKeys keys, Guid pollId) =>
        group.Delete(keys.FraudKept(pollId))
            .Delete(keys.FraudVotes(pollId))
            .Delete(keys.FraudBlockEnds(pollId))
            .Delete(keys.FraudGone(pollId))
            .Delete(keys.FraudTexts(pollId));

    private static Guid? PollOfKeptKey(GenerationKeys keys, RedisKey key)
    {
        var text = (string)key!;
        var start = text.LastIndexOf(':', text.Length - ":kept".Length - 1) + 1;
        return Guid.TryParseExact(text.AsSpan(start, text.Length - ":kept".Length - start), "N", out var pollId) && keys.FraudKept(pollId) == key ? pollId : null;
    }

    private static byte[] KeyBytes(ulong key) => BitConverter.GetBytes(key);
}
