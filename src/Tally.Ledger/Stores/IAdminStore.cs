using Tally.Ledger.Admins;

namespace Tally.Ledger.Stores;

/// <summary>
/// Admin grants made at run time (admins named in configuration are not stored). A grant or revocation writes an audit
/// row and an event; one that changes nothing writes neither. Revoked grants are flagged, never deleted.
/// </summary>
public interface IAdminStore
{
    Task<bool> IsGrantedAsync(string voterId, CancellationToken ct);

    Task<IReadOnlyList<AdminGrant>> ListAsync(CancellationToken ct);

    /// <returns>The AdminGranted event's sequence, or null when the voter already was an admin.</returns>
    Task<long?> GrantAsync(string voterId, string grantedBy, CancellationToken ct);

    /// <returns>The AdminRevoked event's sequence, or null when the voter held no grant.</returns>
    Task<long?> RevokeAsync(string voterId, string revokedBy, CancellationToken ct);
}
