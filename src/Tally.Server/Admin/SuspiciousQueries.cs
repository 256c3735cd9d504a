using Microsoft.Extensions.Options;
using Tally.Views.Fraud;

namespace Tally.Server.Admin;

/// <summary>
/// Runs suspicious-cluster queries, at most <see cref="FraudReviewOptions.MaxConcurrentQueries"/> at once on this node:
/// one over a whole large poll costs a fraction of a second of CPU, and admins' screens refresh.
/// </summary>
public sealed class SuspiciousQueries(IFraudView fraud, IOptions<FraudReviewOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentQueries);

    /// <returns>The report (null for a poll the projection has not seen); or <paramref name="busy"/> true, having asked nothing, when every slot is taken.</returns>
    public async Task<(SuspiciousReport? Report, bool Busy)> FindAsync(Guid pollId, SuspiciousQuery query, CancellationToken ct)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            return (null, true);
        }
        try
        {
            return (await fraud.FindAsync(pollId, query, ct).ConfigureAwait(false), false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
