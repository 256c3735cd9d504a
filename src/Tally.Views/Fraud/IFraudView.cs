namespace Tally.Views.Fraud;

/// <summary>The fraud projection's answers: clusters of a poll's live votes, for admins only.</summary>
public interface IFraudView
{
    /// <returns>The poll's clusters, highest score first; null for a poll the projection has never seen.</returns>
    ValueTask<SuspiciousReport?> FindAsync(Guid pollId, SuspiciousQuery query, CancellationToken ct);
}
