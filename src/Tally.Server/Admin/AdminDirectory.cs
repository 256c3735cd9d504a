using Tally.Ledger.Stores;
using Tally.Server.Auth;

namespace Tally.Server.Admin;

/// <summary>
/// Who is an admin: those named in configuration, and those granted in the ledger. The ledger is asked every time (admin
/// calls are rare), so a grant or revocation on one node holds on every node at once.
/// </summary>
public sealed class AdminDirectory(ConfiguredAdmins configured, IAdminStore grants)
{
    public bool IsConfigured(string voterId) => configured.Contains(voterId);

    public async ValueTask<bool> IsAdminAsync(string? voterId, CancellationToken ct) =>
        voterId is not null && (configured.Contains(voterId) || await grants.IsGrantedAsync(voterId, ct).ConfigureAwait(false));
}
