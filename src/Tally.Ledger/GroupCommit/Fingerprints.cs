using Tally.Domain.Ballots;

namespace Tally.Ledger.GroupCommit;

public static class Fingerprints
{
    public static string Of(Ballot ballot) => string.Create(null, stackalloc char[128], $"{ballot.PollId:N}|{ballot.OptionId}|{ballot.Region}");
}
