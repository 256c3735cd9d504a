namespace Tally.Views.Delta;

public interface IDeltaView
{
    ValueTask<PollDelta?> GetAsync(Guid pollId, TimeSpan window, DateTimeOffset now, CancellationToken ct);
}
