namespace Tally.Testing;

/// <summary>An event row as stored: the payload is the serialized event, as text.</summary>
public sealed record ProbedEvent(long Sequence, string Type, Guid PollId, string Payload);
