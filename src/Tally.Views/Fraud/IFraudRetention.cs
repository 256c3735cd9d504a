namespace Tally.Views.Fraud;

/// <summary>
/// Drops the votes of polls closed (ClosedAt, else EndTime) longer ago than <see cref="FraudOptions.Retention"/>, for
/// polls that closed while nothing was applied to them. Call only while nothing else applies to the fraud view (the
/// daemon, between batches), on the node that applies.
/// </summary>
public interface IFraudRetention
{
    /// <returns>How many polls were forgotten.</returns>
    ValueTask<int> ForgetExpiredAsync(DateTimeOffset now, CancellationToken ct);
}
