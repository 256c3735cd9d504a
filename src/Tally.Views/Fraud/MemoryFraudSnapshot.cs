using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tally.Views.Memory;

namespace Tally.Views.Fraud;

/// <summary>
/// One poll's fraud data as published at the end of a batch. <see cref="Texts"/> only grows (a text may show before the
/// votes that name it), the rest never changes.
/// </summary>
internal sealed record MemoryFraudSnapshot(
    AppendOnlySnapshot<FraudVote> Votes,
    ImmutableHashSet<Guid> Gone,
    ConcurrentDictionary<ulong, string> Texts,
    DateTimeOffset? ClosesAt,
    bool Forgotten);
