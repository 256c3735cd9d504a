using System.Collections.Immutable;
using Tally.Domain.Polls;
using Tally.Views.Memory;

namespace Tally.Views.Catalog;

/// <summary>The memory catalogue as published at the end of a batch: every poll by id, and their ids by ordinal. Never changed.</summary>
internal sealed record MemoryPublishedCatalog(ImmutableDictionary<Guid, Poll> Polls, AppendOnlySnapshot<Guid> Created);
