namespace Tally.Views.Redis;

/// <summary>A chunk sent to the apply script and not yet answered: pending events [Start, End), moving the checkpoint to Next.</summary>
internal sealed record SentChunk(int Start, int End, long Next, long? Epoch, ChangeSet Changes, Task<ApplyOutcome> Outcome);
