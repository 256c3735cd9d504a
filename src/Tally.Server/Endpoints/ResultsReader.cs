using System.Security.Claims;
using Tally.Domain.Errors;
using Tally.Domain.Polls;
using Tally.Server.Auth;
using Tally.Server.Contracts;
using Tally.Sync;
using Tally.Views;
using Tally.Views.Results;
using Tally.Views.VoterStatus;

namespace Tally.Server.Endpoints;

/// <summary>Reads a poll's tally from the views and decides whether this caller may see it yet.</summary>
public sealed class ResultsReader([FromKeyedServices(ViewsRegistration.ReadPath)] IResultsView results, IVoterStatusView voters, SyncLag lag, TimeProvider clock)
{
    public async Task<Outcome<PollResults>> ReadVisibleAsync(Guid pollId, ClaimsPrincipal caller, CancellationToken ct) =>
        await CheckVisibleAsync(pollId, await results.GetAsync(pollId, ct), caller, ct);

    /// <summary>
    /// The checkpoint, read before the tally (in one round trip where the store allows), and the tally if this caller
    /// may see it: views read after this include every event up to that checkpoint.
    /// </summary>
    public async Task<(long Sequence, Outcome<PollResults> Visible)> ReadVisibleWithCheckpointAsync(
        Guid pollId, ClaimsPrincipal caller, CancellationToken ct)
    {
        var (sequence, tally) = await results.GetWithCheckpointAsync(pollId, ct);
        return (sequence, await CheckVisibleAsync(pollId, tally, caller, ct));
    }

    private async ValueTask<Outcome<PollResults>> CheckVisibleAsync(Guid pollId, PollResults? poll, ClaimsPrincipal caller, CancellationToken ct)
    {
        if (poll is null)
        {
            return Rejections.PollNotFound;
        }
        var voterId = caller.VoterId();
        var isOwner = voterId is not null && voterId == poll.OwnerId;
        var status = poll.StatusAt(clock.GetUtcNow());
        if (ResultsAccess.CanSee(poll.Visibility, status, isOwner, hasVoted: false))
        {
            return Outcome<PollResults>.Ok(poll);
        }
        var hasVoted = voterId is not null && await voters.GetAsync(pollId, voterId, ct) is { IsLive: true };
        return ResultsAccess.CanSee(poll.Visibility, status, isOwner, hasVoted)
            ? Outcome<PollResults>.Ok(poll)
            : Rejections.ResultsHidden(poll.Visibility);
    }

    public ResultsResponse ToResponse(PollResults poll, long sequence, bool? minSequenceMet)
    {
        var now = clock.GetUtcNow();
        var options = new OptionResult[poll.Options.Count];
        for (var i = 0; i < options.Length; i++)
        {
            var votes = poll.Votes[i];
            var percentage = poll.TotalVotes == 0 ? 0 : Math.Round(votes * 100.0 / poll.TotalVotes, 2);
            options[i] = new OptionResult(poll.Options[i].Id, poll.Options[i].Text, votes, percentage);
        }
        // Caught up means the tally is current now; behind, it is as of the last event applied.
        var asOf = lag.EventsBehind == 0 ? now : lag.AppliedEventTime;
        return new ResultsResponse(poll.PollId, poll.StatusAt(now), poll.TotalVotes, asOf, sequence, minSequenceMet, options, poll.AmendedAt);
    }
}
