namespace Tally.Views.Redis;

/// <summary>What the apply script answered for one chunk.</summary>
internal sealed record ApplyOutcome(ApplyStatus Status, string Value);
