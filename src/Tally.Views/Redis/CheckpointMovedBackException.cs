namespace Tally.Views.Redis;

/// <summary>
/// The stored checkpoint is behind what this node last saw (Redis lost writes, or someone reset it). Nothing was applied;
/// the daemon re-reads the checkpoints and feeds the events again from there.
/// </summary>
public sealed class CheckpointMovedBackException(string projection, long expected, long stored)
    : Exception($"Projection '{projection}' expected checkpoint {expected} but Redis holds {stored}.");
