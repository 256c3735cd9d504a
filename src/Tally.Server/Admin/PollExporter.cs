using Microsoft.Extensions.Options;
using Tally.Domain.Polls;
using Tally.Ledger.Audit;
using Tally.Ledger.Recounts;
using Tally.Ledger.Stores;
using Tally.Server.Contracts;

namespace Tally.Server.Admin;

/// <summary>
/// Streams a poll's export straight to the response: the poll, every vote row (one snapshot), the audit trail page by
/// page, then the counts and the checksum. At most <see cref="FraudReviewOptions.MaxConcurrentExports"/> at once.
/// </summary>
public sealed class PollExporter(IVoteExport votes, IAuditTrail trail, IOptions<FraudReviewOptions> options, TimeProvider clock) : IDisposable
{
    private const int AuditPage = 500;

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentExports);

    /// <returns>False, with nothing written, when every slot is taken.</returns>
    public async Task<bool> RunAsync(Poll poll, IExportFormat format, HttpResponse response, CancellationToken ct)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            return false;
        }
        try
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = format.ContentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"poll-{poll.Id}.{format.FileExtension}\"";
            using var output = new ExportStream(response.BodyWriter);
            if (format.WriteHeader(output.Line))
            {
                await output.EndLineAsync(ct);
            }
            format.WritePoll(output.Line, PollResponse.From(poll, clock.GetUtcNow()));
            await output.EndLineAsync(ct);

            var live = new long[poll.Options.Count];
            long total = 0, retracted = 0;
            await foreach (var vote in votes.ReadVotesAsync(poll.Id, ct))
            {
                total++;
                if (vote.Retracted)
                {
                    retracted++;
                }
                else if (poll.HasOption(vote.OptionId))
                {
                    live[vote.OptionId - 1]++;
                }
                format.WriteVote(output.Line, vote);
                await output.EndLineAsync(ct);
            }

            for (var after = 0L; ;)
            {
                var page = await trail.ReadAsync(new AuditQuery(poll.Id, null, null, null, after, AuditPage), ct);
                foreach (var entry in page)
                {
                    format.WriteAudit(output.Line, entry);
                    await output.EndLineAsync(ct);
                }
                if (page.Count < AuditPage)
                {
                    break;
                }
                after = page[^1].AuditId;
            }

            var checksum = await output.ChecksumAsync(ct);
            var perOption = live.Select((n, i) => new OptionVotes(i + 1, n)).ToArray();
            format.WriteSummary(output.Line, new ExportSummary(total, total - retracted, retracted, perOption, checksum));
            await output.EndLineAsync(ct);
            await output.FlushAsync(ct);
            return true;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
