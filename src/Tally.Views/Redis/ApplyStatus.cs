namespace Tally.Views.Redis;

internal enum ApplyStatus
{
    Applied,

    /// <summary>The stored checkpoint is not the one the caller expected; <see cref="ApplyOutcome.Value"/> holds it.</summary>
    StaleCheckpoint,

    /// <summary>The stored epoch differs from the caller's; <see cref="ApplyOutcome.Value"/> holds it ('' when none).</summary>
    Fenced,

    /// <summary>
    /// The projection's active generation is not the one the caller writes against (flushed, forgotten, or swapped by
    /// another node); <see cref="ApplyOutcome.Value"/> holds the active one ('' when none).
    /// </summary>
    Lost,
}
