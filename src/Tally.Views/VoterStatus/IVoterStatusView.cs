namespace Tally.Views.VoterStatus;

public interface IVoterStatusView
{
    /// <returns>The live vote, or null when the voter has none in this poll.</returns>
    ValueTask<VoterBallot?> GetAsync(Guid pollId, string voterId, CancellationToken ct);
}
