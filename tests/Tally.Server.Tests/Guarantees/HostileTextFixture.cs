using System.Net.Http.Json;
using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>A host per stack with one poll and alice's account, for the hostile texts to aim at.</summary>
public sealed class HostileTextFixture : HostPerStack<(string PollId, string AliceId)>
{
    public const string Password = "correct horse";

    protected override async Task<(string PollId, string AliceId)> PrepareAsync(TallyTestHost host)
    {
        var pollId = (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
        var alice = await Expect.JsonAsync(await host.Client.PostAsJsonAsync("/v1/auth/register", new { username = "alice", password = Password }), 201);
        return (pollId, (string)alice["user_id"]!);
    }
}
