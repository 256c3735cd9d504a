using System.Net.Http.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Security;

/// <summary>What the attacks are aimed at: an own account, an open poll, and a voter who has voted in it.</summary>
public sealed record HostileWorld(string PollId, string OwnerToken, string VotedToken, string FreshVoterToken)
{
    public static async Task<HostileWorld> BuildAsync(TallyTestHost host)
    {
        await Expect.StatusAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = "correct horse" }), 201);
        var ownerToken = host.MintToken("owner");
        var poll = await host.CreatePollAsync(host.NewClient(ownerToken));
        var voted = host.MintToken("voted");
        await Expect.StatusAsync(await host.NewClient(voted).VoteAsync((string)poll["id"]!, 1), 201);
        return new HostileWorld((string)poll["id"]!, ownerToken, voted, host.MintToken("fresh"));
    }
}
