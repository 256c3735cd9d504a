namespace Tally.Views.Fraud;

/// <summary>A cluster worth reporting, before its samples are gathered; sorts highest score first, then by <see cref="Rank"/>.</summary>
internal readonly record struct Candidate(ClusterKind Kind, int Index, long Votes, double Score) : IComparable<Candidate>
{
    public int CompareTo(Candidate other)
    {
        var byScore = other.Score.CompareTo(Score);
        if (byScore != 0)
        {
            return byScore;
        }
        var byKind = Rank(Kind).CompareTo(Rank(other.Kind));
        if (byKind != 0)
        {
            return byKind;
        }
        var byVotes = other.Votes.CompareTo(Votes);
        return byVotes != 0 ? byVotes : Index.CompareTo(other.Index);
    }

    // Equal scores: what is most direct to act on first.
    private static int Rank(ClusterKind kind) => kind switch
    {
        ClusterKind.IpAddress => 0,
        ClusterKind.Velocity => 1,
        ClusterKind.Network => 2,
        ClusterKind.UserAgent => 3,
        _ => 4,
    };
}
