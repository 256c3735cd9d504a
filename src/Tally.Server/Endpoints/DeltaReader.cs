using Tally.Server.Contracts;
using Tally.Views;
using Tally.Views.Delta;
using Tally.Views.Results;

namespace Tally.Server.Endpoints;

/// <summary>The votes a poll gained over a recent window, as GET …/delta and the live stream send them.</summary>
public sealed class DeltaReader([FromKeyedServices(ViewsRegistration.ReadPath)] IDeltaView deltas, TimeProvider clock)
{
    /// <summary>The window when none is asked for, and the live stream's.</summary>
    public const string DefaultSince = "5m";

    public static readonly TimeSpan DefaultWindow = DurationText.Read(DefaultSince, DeltaBuckets.Retention)!.Value;

    /// <param name="poll">The tally the caller was found allowed to see (<see cref="ResultsReader"/>).</param>
    /// <param name="sequence">The checkpoint read before it.</param>
    /// <param name="since">The window as asked for (<paramref name="window"/> read).</param>
    public async Task<DeltaResponse> ReadAsync(PollResults poll, long sequence, string since, TimeSpan window, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var delta = await deltas.GetAsync(poll.PollId, window, now, ct);
        var options = poll.Options.Select((o, i) => new DeltaOptionResult(o.Id, o.Text, delta?.Votes[i] ?? 0)).ToArray();
        return new DeltaResponse(poll.PollId, since, delta?.From ?? now - window, delta?.To ?? now, sequence, delta?.Total ?? 0, options);
    }
}
