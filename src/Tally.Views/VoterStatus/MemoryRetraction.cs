namespace Tally.Views.VoterStatus;

/// <summary>An admin retraction that holds a ballot back: when, and the admin's reason.</summary>
internal readonly record struct MemoryRetraction(long RetractedAtUtcTicks, string? Reason);
