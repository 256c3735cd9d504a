namespace Tally.Views;

/// <summary>This node's epoch is no longer the stored one: another node leads, and nothing of the batch was applied.</summary>
public sealed class ProjectionFencedException(string projection, long epoch, string storedEpoch)
    : Exception($"Projection '{projection}' refused a batch: this node writes with epoch {epoch}, the stored epoch is '{storedEpoch}'.");
