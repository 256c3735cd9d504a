using System.Collections.Immutable;

namespace Tally.Views.Delta;

/// <summary>One poll's buckets as published at the end of a batch: bucket number → net votes per option. Never changed.</summary>
internal sealed record MemoryDeltaSnapshot(int OptionCount, ImmutableSortedDictionary<long, long[]> ByBucket);
