using Tally.Domain.Voters;
using Tally.Ledger.Stores;
using Tally.Server.Hosting;

namespace Tally.Server.Auth;

/// <summary>
/// At start, before votes are taken or views built: voter ids stored under the first encoding (an external subject with
/// a colon or a percent sign in it was not escaped) are re-spelled once, so those voters keep their votes and polls.
/// </summary>
public sealed class VoterIdEncodingMigration(IVoterIdMigration migration, TrustedIssuers issuers, ILogger<VoterIdEncodingMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var renamed = await migration.ReencodeOnceAsync(id => VoterIds.Reencode(id, issuers.ExternalNames), ct);
        if (renamed > 0)
        {
            // Views kept outside the process (Redis) still hold the old spellings until they are rebuilt from the log.
            logger.VoterIdsReencoded(renamed);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
