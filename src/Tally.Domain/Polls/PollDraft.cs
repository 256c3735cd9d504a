namespace Tally.Domain.Polls;

/// <summary>What a poll's creator asks for, before it has an id.</summary>
public sealed record PollDraft(
    string Title,
    string? Description,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> Regions,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    PollSettings Settings);
