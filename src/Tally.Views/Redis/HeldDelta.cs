using Tally.Views.Delta;

namespace Tally.Views.Redis;

/// <summary>A delta held in the near cache, with the question it answers: its window and the bucket that window starts in.</summary>
public sealed record HeldDelta(TimeSpan Window, long FirstBucket, PollDelta? Delta);
