namespace Tally.Views.VoterStatus;

public interface IVoterStatusView
{
    /// <returns>The live vote, else the vote an admin retracted last, or null when the voter has neither in this poll.</returns>
    ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct);
}
