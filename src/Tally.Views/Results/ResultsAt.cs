namespace Tally.Views.Results;

/// <summary>A tally (null for an unknown poll) and a checkpoint it is known to include.</summary>
public readonly record struct ResultsAt(long Checkpoint, PollResults? Results);
