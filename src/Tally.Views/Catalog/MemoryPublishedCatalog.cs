using System.Collections.Concurrent;
using System.Collections.Immutable;
using Tally.Domain.Polls;
using Tally.Views.Memory;

namespace Tally.Views.Catalog;

/// <summary>
/// The memory catalogue as published at the end of a batch: every poll by id, their ids by ordinal, and the word prefix
/// and owner lists (append-only, so cut at <see cref="Created"/>'s count they read as of this batch). Never changed.
/// </summary>
internal sealed record MemoryPublishedCatalog(
    ImmutableDictionary<Guid, Poll> Polls,
    AppendOnlySnapshot<Guid> Created,
    ConcurrentDictionary<string, AppendOnlyList<int>> ByWordPrefix,
    ConcurrentDictionary<string, AppendOnlyList<int>> ByOwner);
