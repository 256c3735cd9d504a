using Tally.Server.Tests.Infrastructure;

namespace Tally.Server.Tests.Guarantees;

/// <summary>A host per stack with one poll, its id, for the malformed requests to aim at.</summary>
public sealed class MalformedInputFixture : HostPerStack<string>
{
    protected override async Task<string> PrepareAsync(TallyTestHost host) =>
        (string)(await host.CreatePollAsync(host.Voter("owner")))["id"]!;
}
