namespace Tally.Domain.Polls;

/// <summary>Whether a caller may see a poll's tallies now. The owner always may.</summary>
public static class ResultsAccess
{
    public static bool CanSee(ResultsVisibility visibility, PollStatus status, bool isOwner, bool hasVoted) => isOwner || visibility switch
    {
        ResultsVisibility.Live => true,
        ResultsVisibility.AfterVote => hasVoted || status == PollStatus.Closed,
        ResultsVisibility.AfterClose => status == PollStatus.Closed,
        _ => false,
    };

    public static string Explain(ResultsVisibility visibility) => visibility switch
    {
        ResultsVisibility.AfterVote => "Results of this poll are shown after you vote.",
        ResultsVisibility.AfterClose => "Results of this poll are shown once it closes.",
        ResultsVisibility.Never => "Results of this poll are visible to its owner only.",
        _ => "Results are hidden.",
    };
}
